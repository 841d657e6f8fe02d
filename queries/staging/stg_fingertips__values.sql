-- purpose: OHID Fingertips extracts (districts, unitary authorities, counties and England) in one long table.
-- grain: one row per Fingertips indicator x area x period x sex. These extracts carry no CIs or counts, but they do carry
--        OHID's own comparison with England (compared_to_England), kept whatever its level: the verdict word (Better,
--        Similar, Worse, Higher, Lower) as published_comparison and the level it was made at as
--        published_comparison_level (0.95 or 0.998). OHID writes the level after a significant verdict ("Higher 99.8",
--        "Worse 95"); a label without one ("Similar", or every label of an indicator compared at 95% in this extract)
--        takes the level stated on the indicator's other labels, else 95%, OHID's default. 'Not compared' (and its
--        variants) becomes null.
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
        regexp_extract(compared_to_England, '^(Better|Similar|Worse|Higher|Lower)\b', 1) as verdict,
        try_cast(regexp_extract(compared_to_England, '^(?:Better|Similar|Worse|Higher|Lower)\s+([0-9.]+)', 1)
                 as double) / 100 as stated_level
    from unioned
    where value is not null
),
levelled as (
    select
        renamed.* exclude (verdict, stated_level),
        nullif(verdict, '') as published_comparison,
        case when nullif(verdict, '') is not null then
            coalesce(stated_level, max(stated_level) over (partition by fingertips_id), 0.95)
        end as published_comparison_level
    from renamed
)
select * from levelled
