-- purpose: OHID Fingertips extracts (districts, unitary authorities, counties and England) in one long table.
-- grain: one row per Fingertips indicator x area x period x sex. These extracts carry no CIs or counts, but they do carry
--        OHID's own comparison with England (compared_to_England: Better / Similar / Worse, or Higher / Lower), kept as
--        published_comparison ('Not compared' becomes null).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: OHID Fingertips API all_data by indicator (90366, 92901, 92443, 92445, 93563, 91112, 848), as extracted by
--         traffordDataLab/trafford_themes; values rounded to 1 dp by that extract.
create or replace table stg_fingertips__values as
with unioned as (
    select '90366' as fingertips_id, * from read_parquet($raw_dir || '/fingertips_90366_life_expectancy.parquet')
    union all by name
    select '92901' as fingertips_id, * from read_parquet($raw_dir || '/fingertips_92901_inequality_in_le.parquet')
    union all by name
    select '92443' as fingertips_id, * from read_parquet($raw_dir || '/fingertips_92443_smoking_adults.parquet')
    union all by name
    select '92445' as fingertips_id, * from read_parquet($raw_dir || '/fingertips_92445_smoking_routine_manual.parquet')
    union all by name
    select '93563' as fingertips_id, * from read_parquet($raw_dir || '/fingertips_93563_dental_decay_5yo.parquet')
    union all by name
    select '91112' as fingertips_id, * from read_parquet($raw_dir || '/fingertips_91112_health_checks.parquet')
    union all by name
    select '848' as fingertips_id, * from read_parquet($raw_dir || '/fingertips_848_depression_prevalence.parquet')
),
renamed as (
    select
        fingertips_id,
        area_code,
        area_name,
        case area_type when 'Country' then 'england' when 'County' then 'utla' else 'lad' end as area_level,
        cast(period as varchar) as period,
        case when inequality in ('Male', 'Female') then lower(inequality) else 'persons' end as sex,
        cast(value as double) as value,
        case when compared_to_England in ('Better', 'Similar', 'Worse', 'Higher', 'Lower')
             then compared_to_England end as published_comparison
    from unioned
    where value is not null
)
select * from renamed
