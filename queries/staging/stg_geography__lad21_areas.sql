-- purpose: area (km2) of each local authority district (December 2021), for population density.
-- grain: one row per LAD 2021 in England (309 rows).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONS LAD December 2021 BUC boundaries, area measured in EPSG:27700 when vendored (data/SOURCES.md).
create or replace table stg_geography__lad21_areas as
select
    LAD21CD as lad21_code,
    LAD21NM as lad21_name,
    cast(area_km2 as double) as area_km2
from read_parquet($raw_dir || '/lad21_area_buc.parquet')
