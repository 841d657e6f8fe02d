-- purpose: the seven IoD2025 domain scores of every LSOA, for authority averages (nearest statistical neighbours).
-- grain: one row per LSOA 2021 in England (33,755 rows).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: MHCLG English Indices of Deprivation 2025, File 7 columns (as carried by humaniverse/IMD).
create or replace table stg_imd2025__domain_scores as
select
    lsoa21_code as lsoa_code,
    cast(IMD_score as double) as imd_score,
    cast(Income_score as double) as income_score,
    cast(Employment_score as double) as employment_score,
    cast(Education_score as double) as education_score,
    cast(Health_score as double) as health_score,
    cast(Crime_score as double) as crime_score,
    cast(Housing_and_Services_score as double) as barriers_score,
    cast(Environment_score as double) as living_env_score
from read_parquet($raw_dir || '/imd2025_lsoa21.parquet')
