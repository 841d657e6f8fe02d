-- purpose: Fingertips 90362 healthy life expectancy (values only), kept to cross-check the ONS series with CIs that the
--          app shows (they should agree to 1 dp).
-- grain: one row per area x period x sex (England and unitary authorities).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: OHID Fingertips 90362 via traffordDataLab/trafford_themes.
create or replace table stg_fingertips__hle_crosscheck as
select
    area_code,
    area_name,
    cast(period as varchar) as period,
    lower(inequality) as sex,
    cast(value as double) as value
from read_parquet($raw_dir || '/fingertips_90362_healthy_life_expectancy.parquet')
