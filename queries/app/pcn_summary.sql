-- purpose: the configured ICB's primary care networks (PCNs) for one QOF register and year: the register and list size
--          summed over each PCN's practices, and the practices' published IMD 2025 scores (OHID Fingertips 94240)
--          averaged with list-size weights into a PCN deprivation score. PCNs have no boundaries: membership is the
--          practice-to-PCN mapping of the QOF year (stg_qof__prevalence).
-- grain: one row per PCN with at least one practice of the ICB in the period.
-- parameters: $indicator (a qof_* id), $icb (ICB ONS code), $period (QOF year, e.g. '2024-25').
with practices as (
    select practice_code, pcn_code, pcn_name, sicbl_code
    from stg_qof__prevalence
    where icb_code = $icb and period = $period and pcn_code is not null
    group by all
),
registers as (
    select area_code as practice_code, numerator as register, denominator as list_size
    from mart_indicator_values
    where indicator_id = $indicator and area_level = 'practice' and period = $period
),
scores as (
    select practice_code, imd_score from stg_gp_practices__deprivation
),
pcns as (
    select
        practices.pcn_code,
        -- ordered by practice, so the floating-point sum (and a tie in the mode) come out the same on every run
        min(practices.pcn_name) as pcn_name,
        mode(practices.sicbl_code order by practices.sicbl_code) as sicbl_code,
        count(*) as practices,
        sum(registers.register) as register,
        sum(registers.list_size) as list_size,
        count(scores.imd_score) as practices_with_score,
        sum(registers.list_size * scores.imd_score order by practices.practice_code)
            / sum(case when scores.imd_score is not null then registers.list_size end) as imd_score
    from practices
    inner join registers on registers.practice_code = practices.practice_code
    left join scores on scores.practice_code = practices.practice_code
    group by practices.pcn_code
)
select
    pcns.pcn_code,
    pcns.pcn_name,
    pcns.sicbl_code,
    coalesce(sicbl_names.display_name, pcns.sicbl_code) as sicbl_name,
    pcns.practices,
    pcns.register,
    pcns.list_size,
    pcns.practices_with_score,
    pcns.imd_score
from pcns
left join mart_sicbl_names as sicbl_names on sicbl_names.ons_code = pcns.sicbl_code
order by pcns.imd_score desc nulls last, pcns.pcn_code
