-- purpose: OHID Fingertips values that carry a count, denominator and published 95% confidence interval (FingertipsNext
--          seed build), one row per key after resolving the source's duplicate keys, with Fingertips-style period labels.
-- grain: one row per Fingertips indicator x area x period x sex x age x category (category null = the whole area;
--        England rows with a category are England by county/UA or district deprivation decile).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: DHSC FingertipsNext DataCreator healthdata.csv @0ed8ddc0 (values copied from the Fingertips API), OGL v3.0.
-- duplicates: the source returns some areas twice under two area versions (n_rows_same_key 2 or 4; values differ only in
--        rounding or slightly). Rule: keep the most complete row (count, denominator and both limits present), then the
--        unrounded value (more significant digits: the current version), then the larger denominator, then the lower value.
-- periods: Year is the first year of the period. Financial-year indicators are labelled 'YYYY/YY', calendar-year ones
--        'YYYY', pooled ones 'YYYY/YY - YY/YY' (first and last financial years), as Fingertips labels them.
create or replace table stg_fingertipsnext__values as
with source as (
    select * from read_parquet($raw_dir || '/fingertipsnext_healthdata_lsc.parquet')
),
typed as (
    select
        cast(IndicatorId as varchar) as fingertips_id,
        IndicatorName as fingertips_name,
        AreaCode as area_code,
        AreaType as area_type,
        cast(Year as integer) as start_year,
        lower(Sex) as sex,
        Age as age,
        CategoryType as category_type,
        Category as category,
        cast(Value as double) as value,
        cast(LowerCI as double) as lowercl,
        cast(UpperCI as double) as uppercl,
        cast(Count as double) as numerator,
        cast(Denominator as double) as denominator,
        Trend as published_trend,
        cast(n_rows_same_key as integer) as n_rows_same_key
    from source
    where Value is not null
),
ranked as (
    select
        *,
        row_number() over (
            partition by fingertips_id, area_code, start_year, sex, age, category_type, category
            order by
                (numerator is not null)::int + (denominator is not null)::int + (lowercl is not null)::int
                    + (uppercl is not null)::int desc,
                length(cast(value as varchar)) desc,
                denominator desc nulls last,
                value
        ) as key_rank,
        count(*) over (partition by fingertips_id, area_code, start_year, sex, age, category_type, category)
            as rows_with_key
    from typed
),
labelled as (
    select
        * exclude (key_rank),
        case
            when fingertips_id in ('93763', '20401', '93474') then cast(start_year as varchar)
            when fingertips_id in ('92026', '92033') then
                cast(start_year as varchar) || '/' || right(cast(start_year + 1 as varchar), 2) || ' - '
                || right(cast(start_year + 4 as varchar), 2) || '/' || right(cast(start_year + 5 as varchar), 2)
            when fingertips_id = '92904' then
                cast(start_year as varchar) || '/' || right(cast(start_year + 1 as varchar), 2) || ' - '
                || right(cast(start_year + 2 as varchar), 2) || '/' || right(cast(start_year + 3 as varchar), 2)
            else cast(start_year as varchar) || '/' || right(cast(start_year + 1 as varchar), 2)
        end as period,
        case
            when area_code = 'E92000001' then 'england'
            when area_type = 'ICB' then 'icb'
            when area_type like 'Sub-ICB%' then 'sicbl'
            when area_type = 'County' then 'utla'
            when area_type in ('District', 'Unitary authority') then 'district'
            when area_type = 'PCN' then 'pcn'
            when area_type = 'GP practice' then 'practice'
        end as area_level
    from ranked
    where key_rank = 1
)
select * from labelled
