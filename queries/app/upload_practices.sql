-- purpose: reference data for uploaded files: the configured ICB's GP practices in the latest QOF year, with their
--          PCN, sub-ICB location, total list size and published IMD 2025 score (OHID Fingertips 94240).
-- grain: one row per practice.
-- parameters: $icb (ICB ONS code).
with latest as (
    select max(period) as period from stg_qof__prevalence where icb_code = $icb
),
practices as (
    select practice_code, any_value(practice_name) as practice_name, any_value(pcn_code) as pcn_code,
        any_value(pcn_name) as pcn_name, any_value(sicbl_code) as sicbl_code, max(list_size) as list_size
    from stg_qof__prevalence
    where icb_code = $icb and period = (select period from latest)
    group by practice_code
)
select practices.*, scores.imd_score
from practices
left join stg_gp_practices__deprivation as scores on scores.practice_code = practices.practice_code
order by practices.practice_code
