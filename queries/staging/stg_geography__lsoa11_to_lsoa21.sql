-- purpose: how 2011 LSOAs map to 2021 LSOAs (unchanged, split, merged or irregular), to compare across IMD vintages.
-- grain: one row per LSOA 2011 x LSOA 2021 pair in England and Wales (35,795 rows).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONS LSOA (2011) to LSOA (2021) to LAD (2022) lookup. CHGIND: U unchanged, S split, M merged, X irregular.
create or replace table stg_geography__lsoa11_to_lsoa21 as
select
    LSOA11CD as lsoa11_code,
    LSOA11NM as lsoa11_name,
    LSOA21CD as lsoa21_code,
    LSOA21NM as lsoa21_name,
    CHGIND as change_indicator,
    LAD22CD as lad22_code,
    LAD22NM as lad22_name
from read_parquet($raw_dir || '/lookup_lsoa11_lsoa21_lad22.parquet')
