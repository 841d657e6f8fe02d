-- purpose: QOF recorded prevalence registers for every English GP practice, with the practice's PCN, sub-ICB and ICB.
-- grain: one row per QOF year x practice x disease group.
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: NHS England QOF 2022-23 and 2024-25 raw PREVALENCE files; geography from the QOF 2022-23 mapping file
--         (2022-23) and the NHS England GP registration practice map of July 2026 (2024-25; practices missing from it
--         fall back to the 2022-23 mapping).
create or replace table stg_qof__prevalence as
with prevalence as (
    select '2022-23' as period, * from read_parquet($raw_dir || '/qof_2022_23_prevalence.parquet')
    union all
    select '2024-25', * from read_parquet($raw_dir || '/qof_2024_25_prevalence.parquet')
),
map_2223 as (
    select PRACTICE_CODE, PRACTICE_NAME, PCN_ODS_CODE, PCN_NAME, SUB_ICB_ONS_CODE, SUB_ICB_ODS_CODE, ICB_ONS_CODE, ICB_ODS_CODE
    from read_parquet($raw_dir || '/qof_2022_23_mapping.parquet')
),
map_2026 as (
    select PRACTICE_CODE, PRACTICE_NAME, PCN_CODE, PCN_NAME, ONS_SUB_ICB_LOCATION_CODE, SUB_ICB_LOCATION_CODE, ONS_ICB_CODE, ICB_CODE
    from read_parquet($raw_dir || '/gp_practice_map_jul2026.parquet')
),
joined as (
    select
        prevalence.period,
        prevalence.PRACTICE_CODE as practice_code,
        case when prevalence.period = '2024-25' then coalesce(map_2026.PRACTICE_NAME, map_2223.PRACTICE_NAME)
             else coalesce(map_2223.PRACTICE_NAME, map_2026.PRACTICE_NAME) end as practice_name,
        case when prevalence.period = '2024-25' then coalesce(map_2026.PCN_CODE, map_2223.PCN_ODS_CODE)
             else coalesce(map_2223.PCN_ODS_CODE, map_2026.PCN_CODE) end as pcn_code,
        case when prevalence.period = '2024-25' then coalesce(map_2026.PCN_NAME, map_2223.PCN_NAME)
             else coalesce(map_2223.PCN_NAME, map_2026.PCN_NAME) end as pcn_name,
        case when prevalence.period = '2024-25' then coalesce(map_2026.ONS_SUB_ICB_LOCATION_CODE, map_2223.SUB_ICB_ONS_CODE)
             else coalesce(map_2223.SUB_ICB_ONS_CODE, map_2026.ONS_SUB_ICB_LOCATION_CODE) end as sicbl_code,
        case when prevalence.period = '2024-25' then coalesce(map_2026.ONS_ICB_CODE, map_2223.ICB_ONS_CODE)
             else coalesce(map_2223.ICB_ONS_CODE, map_2026.ONS_ICB_CODE) end as icb_code,
        prevalence.GROUP_CODE as group_code,
        prevalence.PATIENT_LIST_TYPE as list_type,
        cast(prevalence.REGISTER as double) as register,
        cast(prevalence.PRACTICE_LIST_SIZE as double) as list_size
    from prevalence
    left join map_2223 on map_2223.PRACTICE_CODE = prevalence.PRACTICE_CODE
    left join map_2026 on map_2026.PRACTICE_CODE = prevalence.PRACTICE_CODE
)
select * from joined
where list_size > 0
