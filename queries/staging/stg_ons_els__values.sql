-- purpose: ONS Explore Local Statistics series that carry 95% confidence intervals (healthy life expectancy, cancer
--          diagnosed at stage 1 or 2, preventable cardiovascular mortality, cigarette smokers 5-year average and annual,
--          adult obesity (Active Lives, Nov-Nov years) and child excess weight at Reception and Year 6 (NCMP, school
--          years)).
-- grain: one row per series x area x period (England, regions, counties/UAs and districts as published).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONSdigital/explore-local-statistics-data (OGL v3.0); underlying ONS HSLE, OHID PHOF 93671 and 93722, ONS APS.
create or replace table stg_ons_els__values as
with unioned as (
    select 'hle' as series, * from read_parquet($raw_dir || '/ons_els_healthy_life_expectancy.parquet')
    union all by name
    select 'cancer_stage' as series, * from read_parquet($raw_dir || '/ons_els_cancer_stage_1_2.parquet')
    union all by name
    select 'preventable_cvd' as series, * from read_parquet($raw_dir || '/ons_els_preventable_cvd_mortality.parquet')
    union all by name
    select 'cigarette_smokers' as series, * from read_parquet($raw_dir || '/ons_els_cigarette_smokers.parquet')
    union all by name
    -- the annual APS file has its own column names and plain-year periods: renamed to the common form
    select 'cigarette_smokers_annual' as series, Indicator as indicator, AREACD as areacd, AREANM as areanm,
        Geography as geography, cast(Period as varchar) || '-01-01/P1Y' as period, Observation as observation,
        "Lower Confidence Interval (95%)" as lci_95, "Upper Confidence Interval (95%)" as uci_95
    from read_parquet($raw_dir || '/ons_els_cigarette_smokers_annual.parquet')
    union all by name
    -- adult obesity and child excess weight: survey / school years (period start 2015-11-16 = 2015/16), so they are
    -- labelled "2015/16" below
    select 'adult_obesity' as series, Indicator as indicator, AREACD as areacd, AREANM as areanm,
        Geography as geography, Period as period, Observation as observation,
        "Lower Confidence Interval (95%)" as lci_95, "Upper Confidence Interval (95%)" as uci_95
    from read_parquet($raw_dir || '/ons_els_adult_obesity.parquet')
    union all by name
    select 'reception_excess_weight' as series, Indicator as indicator, AREACD as areacd, AREANM as areanm,
        Geography as geography, Period as period, Value as observation,
        "Lower Confidence Interval (95%)" as lci_95, "Upper Confidence Interval (95%)" as uci_95
    from read_parquet($raw_dir || '/ons_els_reception_excess_weight.parquet')
    union all by name
    select 'year6_excess_weight' as series, Indicator as indicator, AREACD as areacd, AREANM as areanm,
        Geography as geography, Period as period, Value as observation,
        "Lower Confidence Interval (95%)" as lci_95, "Upper Confidence Interval (95%)" as uci_95
    from read_parquet($raw_dir || '/ons_els_year6_excess_weight.parquet')
),
parsed as (
    select
        series,
        indicator,
        areacd as area_code,
        areanm as area_name,
        case geography
            when 'Nation' then 'england'
            when 'Country' then 'uk'
            when 'Region' then 'region'
            when 'County or Unitary Authority' then 'utla'
            when 'Local Authority District' then 'lad'
            else 'other'
        end as area_level,
        cast(substr(period, 1, 4) as integer) as start_year,
        cast(regexp_extract(period, 'P(\d+)Y', 1) as integer) as years,
        cast(observation as double) as value,
        cast(lci_95 as double) as lowercl,
        cast(uci_95 as double) as uppercl
    from unioned
),
labelled as (
    select
        *,
        case when series in ('adult_obesity', 'reception_excess_weight', 'year6_excess_weight')
                 then cast(start_year as varchar) || '/' || right(cast(start_year + 1 as varchar), 2)
             when years = 1 then cast(start_year as varchar)
             else cast(start_year as varchar) || ' - ' || right(cast(start_year + years - 1 as varchar), 2)
        end as period,
        case when indicator ilike 'male%' then 'male' when indicator ilike 'female%' then 'female' else 'persons' end as sex
    from parsed
    where area_level not in ('uk', 'other') and area_code like 'E%'
)
select * from labelled
