-- purpose: the published deprivation score of each GP practice's registered population (IMD 2025, OHID Fingertips 94240).
-- grain: one row per GP practice (practices in the bundle: Lancashire and South Cumbria only).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: OHID Fingertips indicator 94240 "Deprivation score (IMD 2025)", GP practice level.
create or replace table stg_gp_practices__deprivation as
select
    PRACTICE_CODE as practice_code,
    PRACTICE_NAME as practice_name,
    cast(IMD_YEAR as integer) as imd_vintage,
    cast(IMD_SCORE as double) as imd_score
from read_parquet($raw_dir || '/gp_practice_imd2025_score.parquet')
