-- purpose: IoD2025 ranks and deciles (official File 1) joined to the IMD and domain scores (File 7 columns).
-- grain: one row per LSOA 2021 in England (33,755 rows).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: MHCLG English Indices of Deprivation 2025, File 1 (corrected re-issue) and File 7 columns.
create or replace table stg_imd2025__lsoas as
with file1 as (
    select * from read_parquet($raw_dir || '/imd2025_file1_lsoa21.parquet')
),
scores as (
    select * from read_parquet($raw_dir || '/imd2025_lsoa21.parquet')
),
renamed as (
    select
        ---------- ids
        file1."LSOA code (2021)" as lsoa_code,
        file1."LSOA name (2021)" as lsoa_name,
        file1."Local Authority District code (2024)" as lad_code,
        file1."Local Authority District name (2024)" as lad_name,
        ---------- index of multiple deprivation (rank and decile from File 1)
        cast(scores.IMD_score as double) as imd_score,
        cast(file1."Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)" as integer) as imd_rank,
        cast(file1."Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOA" as integer) as imd_decile,
        ---------- domains
        cast(scores.Income_score as double) as income_score,
        cast(scores.Employment_score as double) as employment_score,
        cast(scores.Income_decile as integer) as income_decile,
        cast(scores.Employment_decile as integer) as employment_decile,
        cast(scores.Education_decile as integer) as education_decile,
        cast(scores.Health_decile as integer) as health_decile,
        cast(scores.Crime_decile as integer) as crime_decile,
        cast(scores.Housing_and_Services_decile as integer) as barriers_decile,
        cast(scores.Environment_decile as integer) as living_env_decile
    from file1
    inner join scores on scores.lsoa21_code = file1."LSOA code (2021)"
)
select * from renamed
