-- purpose: OHID Fingertips 91547, smoking prevalence in adults 15+ recorded by GP practices (QOF): practices of ICB QE1
--          (2022/23 with 95% limits; 2023/24 value, count and denominator only), Lancashire and South Cumbria local
--          authorities 2013/14-2022/23 and England, with OHID's own comparison and recent trend; England by
--          deprivation decile in category rows.
-- grain: one row per area x period x category (the export repeats some 2015/16 rows exactly: one kept).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: OHID Fingertips CSV export of indicator 91547 (via HealthEquityEvidenceCentre/HEEC), OGL v3.0.
create or replace table stg_fingertips__smoking_qof_15plus as
with raw as (
    select * from read_parquet($raw_dir || '/fingertips_91547_smoking_qof_15plus.parquet')
),
tidy as (
    select distinct
        "Area Code" as area_code,
        "Area Name" as area_name,
        case "Area Type"
            when 'GPs' then 'practice'
            when 'England' then 'england'
            when 'District' then 'district'
            when 'UA' then 'district'
            when 'County' then 'utla'
            else 'other'
        end as area_level,
        "Time period" as period,
        "Category Type" as category_type,
        "Category" as category,
        cast("Value" as double) as value,
        cast("Lower CI 95.0 limit" as double) as lowercl,
        cast("Upper CI 95.0 limit" as double) as uppercl,
        cast("Count" as double) as numerator,
        cast("Denominator" as double) as denominator,
        nullif(regexp_extract("Compared to England value or percentiles", '^(Better|Similar|Worse|Higher|Lower)\b', 1),
               '') as published_comparison,
        -- the level OHID states after a significant verdict ("Worse 95"); none stated in this export: OHID's 95%
        case when regexp_matches("Compared to England value or percentiles", '^(Better|Similar|Worse|Higher|Lower)')
             then coalesce(try_cast(regexp_extract("Compared to England value or percentiles",
                                                   '^\w+\s+([0-9.]+)', 1) as double) / 100, 0.95)
        end as published_comparison_level,
        nullif("Recent Trend", '') as published_trend
    from raw
    where "Value" is not null
)
select * from tidy where area_level <> 'other'
