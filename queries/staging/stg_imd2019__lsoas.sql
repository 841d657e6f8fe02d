-- purpose: IoD2019 ranks, deciles, scores and mid-2015 population denominators, tidied.
-- grain: one row per LSOA 2011 in England (32,844 rows).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: MHCLG English Indices of Deprivation 2019, Files 2 and 6, with IMD/Income/Employment scores (File 5 values).
create or replace table stg_imd2019__lsoas as
with source as (
    select * from read_parquet($raw_dir || '/imd2019_lsoa11.parquet')
),
renamed as (
    select
        ---------- ids
        lsoa11cd as lsoa_code,
        lsoa11nm as lsoa_name,
        lad19cd as lad_code,
        lad19nm as lad_name,
        ---------- index of multiple deprivation
        cast(imd_score as double) as imd_score,
        cast(imd_rank as integer) as imd_rank,
        cast(imd_decile as integer) as imd_decile,
        ---------- domains (rank 1 and decile 1 = most deprived)
        cast(income_score_rate as double) as income_score,
        cast(employment_score_rate as double) as employment_score,
        cast(income_decile as integer) as income_decile,
        cast(employment_decile as integer) as employment_decile,
        cast(education_decile as integer) as education_decile,
        cast(health_decile as integer) as health_decile,
        cast(crime_decile as integer) as crime_decile,
        cast(barriers_decile as integer) as barriers_decile,
        cast(living_env_decile as integer) as living_env_decile,
        ---------- population denominators (mid-2015, excluding prisoners)
        cast(pop_total_mid2015 as bigint) as population
    from source
)
select * from renamed
