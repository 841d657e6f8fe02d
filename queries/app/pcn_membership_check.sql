-- purpose: do the PCN codes of OHID's PCN rows match the practice-to-PCN mapping (QOF) the PCN views use? Lists every
--          PCN code of the ICB's QOF mappings (any year) and every PCN code with an OHID value, and where each is found.
-- grain: one row per PCN code.
-- parameters: $icb (ICB ONS code).
with qof as (
    select pcn_code, any_value(pcn_name) as pcn_name, max(period) as last_qof_period
    from stg_qof__prevalence where icb_code = $icb and pcn_code is not null group by pcn_code
),
latest as (
    select max(period) as period from stg_qof__prevalence where icb_code = $icb
),
ohid as (
    select area_code as pcn_code, string_agg(distinct indicator_id, ', ' order by indicator_id) as ohid_indicators
    from mart_indicator_values where area_level = 'pcn' and ci_source = 'published' group by area_code
),
ohid_here as (
    -- OHID's PCN codes of this ICB's mapping, and any OHID code that is in no ICB's mapping at all (unmatched)
    select ohid.* from ohid
    where ohid.pcn_code in (select pcn_code from qof)
        or ohid.pcn_code not in (select pcn_code from stg_qof__prevalence where pcn_code is not null)
)
select
    coalesce(qof.pcn_code, ohid_here.pcn_code) as pcn_code,
    qof.pcn_name,
    coalesce(qof.last_qof_period = (select period from latest), false) as in_latest_qof_mapping,
    qof.pcn_code is not null as in_any_qof_mapping,
    qof.last_qof_period,
    ohid_here.ohid_indicators
from qof
full outer join ohid_here on ohid_here.pcn_code = qof.pcn_code
order by in_any_qof_mapping, ohid_indicators nulls last, pcn_code
