-- purpose: QOF recorded prevalence registers for every English GP practice, with the practice's PCN, sub-ICB and ICB.
-- grain: one row per QOF year x practice x disease group.
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: NHS England QOF 2022-23 and 2024-25 raw PREVALENCE files; geography from the QOF 2022-23 mapping file
--         (2022-23) and the NHS England GP registration practice map of July 2026 (2024-25; practices missing from it
--         fall back to the 2022-23 mapping).
-- notes: "Unallocated" (PCN code U) is not a PCN but England's pool of practices outside any PCN, so those practices
--        get no PCN (pcn_code null) instead of joining a pseudo-PCN that spans the country. Each PCN has one name in
--        every year: its latest (the July 2026 map, else the 2022-23 mapping), in title case by pcn_title_case.
-- title case for PCN names, which the sources give in upper case (2026) or in naive title case (2022-23): words in
-- lower case with a capital first letter (also after an opening bracket or a slash; "St", "Ltd"), except "PCN", "GP", "NHS", "CIC", words
-- without a vowel (acronyms such as SWB, BNSSG), a bracketed word of 2 to 4 letters ("(IW)", "(TMR)") and known
-- acronyms in upper case; small joining words ("and", "of", ...) after the first word; "&" is kept.
create or replace macro pcn_title_case(name) as (
    list_aggr(list_transform(string_split(lower(trim(name)), ' '), lambda word, i:
        case
            when word in ('st', 'ltd', 'dr') then upper(word[1]) || word[2:]
            when regexp_replace(word, '[()]', '', 'g') in ('pcn', 'gp', 'nhs', 'cic', 'wren', 'hipc', 'fabb', 'foss',
                                                          'choc', 'chaw', 'seoxha', 'hosms')
                 or not regexp_matches(word, '[aeiouy]')
                 or regexp_matches(word, '^\([a-z]{2,4}\)$') then upper(word)
            when i > 1 and word in ('and', 'of', 'the', 'at', 'on', 'in', 'upon', 'with', 'by') then word
            when word[1] = '(' then '(' || upper(word[2]) || word[3:]
            when contains(word, '/') then
                list_aggr(list_transform(string_split(word, '/'), lambda part: upper(part[1]) || part[2:]), 'string_agg',
                          '/')
            else upper(word[1]) || word[2:]
        end), 'string_agg', ' ')
);

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
pcn_names as (
    -- one name per PCN code: the latest source that names it
    select pcn_code, arg_max(pcn_name, recency) as pcn_name
    from (
        select PCN_CODE as pcn_code, PCN_NAME as pcn_name, 2 as recency from map_2026
        union all
        select PCN_ODS_CODE, PCN_NAME, 1 from map_2223
    )
    where pcn_code is not null
    group by pcn_code
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
select
    joined.* exclude (pcn_code, pcn_name),
    case when joined.pcn_code <> 'U' and joined.pcn_name not ilike 'unallocated%' then joined.pcn_code end as pcn_code,
    case when joined.pcn_code <> 'U' and joined.pcn_name not ilike 'unallocated%' then pcn_title_case(pcn_names.pcn_name)
    end as pcn_name
from joined
left join pcn_names on pcn_names.pcn_code = joined.pcn_code
where joined.list_size > 0
