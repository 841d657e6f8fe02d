-- purpose: the published File 10 (LAD) and File 13 (ICB) summary measures, as issued, for checks and for IMD 2025.
-- grain: one row per IMD vintage x area (LAD19 for 2019, LTLA24 and ICB24 for 2025).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: MHCLG IoD2019 File 10 (subset of columns); IoD2025 File 10 and File 13.
create or replace table stg_imd__published_summaries as
with file10_2019 as (
    select * from read_parquet($raw_dir || '/imd2019_file10_lad19.parquet')
),
file10_2025 as (
    select * from read_parquet($raw_dir || '/imd2025_file10_ltla24.parquet')
),
file13_2025 as (
    select * from read_parquet($raw_dir || '/imd2025_file13_icb24.parquet')
),
unioned as (
    select 2019 as imd_vintage, 'lad' as level, ltla19_code as area_code, cast(null as varchar) as area_name,
        cast(Score as double) as avg_score, cast(null as integer) as avg_score_rank,
        cast(null as double) as avg_rank, cast(null as integer) as avg_rank_rank,
        cast(Proportion as double) as proportion_most_deprived_10
    from file10_2019
    union all
    select 2025, 'lad', ltla24_code, ltla24_name,
        cast(imd_average_score as double), cast(imd_rank_of_average_score as integer),
        cast(imd_average_rank as double), cast(imd_rank_of_average_rank as integer),
        cast(imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally as double)
    from file10_2025
    union all
    select 2025, 'icb', icb24_code, icb24_name,
        cast(imd_average_score as double), cast(imd_rank_of_average_score as integer),
        cast(imd_average_rank as double), cast(imd_rank_of_average_rank as integer),
        cast(imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally as double)
    from file13_2025
)
select * from unioned
