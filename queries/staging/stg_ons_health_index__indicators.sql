-- purpose: ONS Health Index underlying indicator values (56 indicators, each in its own unit), kept for analysts;
--          the app shows the Health Index scores only (the indicator-to-source mapping has not been verified here).
-- grain: one row per LTLA 2021 x Health Index year x indicator.
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONS Health Index for England, underlying data (Table 2), via humaniverse/healthyr.
create or replace table stg_ons_health_index__indicators as
select
    ltla21_code as area_code,
    cast(year as integer) as health_index_year,
    indicator,
    cast(value as double) as value
from read_parquet($raw_dir || '/ons_health_index_indicators.parquet')
