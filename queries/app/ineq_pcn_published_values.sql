-- purpose: an indicator the store holds for primary care networks from OHID data, for the configured ICB's PCNs: OHID's
--          own PCN values (e.g. breast screening coverage, Fingertips 94063; $ci_source 'published') or OHID practice
--          counts summed into whole PCNs at build time (GP-recorded smoking, 91547; $ci_source 'computed here'), with
--          each PCN's list-weighted average of its practices' published IMD 2025 scores, so Python can rank the PCNs
--          into local deprivation groups. Only the PCN deprivation score (and, for summed rows, the sum) is computed here.
-- grain: one row per PCN of the ICB with a value of that kind in the period and at least one practice with a
--        published score.
-- parameters: $indicator (an indicator with PCN rows), $icb (ICB ONS code), $sicbl (a sub-ICB code, or '' for the
--             whole ICB), $period (OHID's period label, e.g. '2023/24'), $ci_source ('published' or 'computed here').
-- notes: PCN membership and list sizes are those of the latest QOF year (stg_qof__prevalence), the same membership
--        the QOF PCN views use; the list size is the denominator of any QOF register (qof_hyp here). The population
--        weight of a PCN is OHID's denominator (e.g. the women eligible for screening).
with latest as (
    select max(period) as period from stg_qof__prevalence where icb_code = $icb
),
practices as (
    select practice_code, pcn_code, pcn_name, sicbl_code
    from stg_qof__prevalence
    where icb_code = $icb and period = (select period from latest) and pcn_code is not null
    group by all
),
list_sizes as (
    select area_code as practice_code, denominator as list_size
    from mart_indicator_values
    where indicator_id = 'qof_hyp' and area_level = 'practice' and period = (select period from latest)
),
scores as (
    select practice_code, imd_score from stg_gp_practices__deprivation
),
pcn_scores as (
    select
        practices.pcn_code,
        -- ordered by practice, so the floating-point sum (and a tie in the mode) come out the same on every run
        min(practices.pcn_name) as pcn_name,
        mode(practices.sicbl_code order by practices.sicbl_code) as sicbl_code,
        sum(list_sizes.list_size * scores.imd_score order by practices.practice_code)
            / sum(case when scores.imd_score is not null then list_sizes.list_size end) as imd_score
    from practices
    left join list_sizes on list_sizes.practice_code = practices.practice_code
    left join scores on scores.practice_code = practices.practice_code
    group by practices.pcn_code
),
published as (
    select area_code, value, numerator, denominator from mart_indicator_values
    where indicator_id = $indicator and area_level = 'pcn' and period = $period and ci_source = $ci_source
)
select
    pcn_scores.pcn_code as unit_code,
    pcn_scores.pcn_name as unit_name,
    pcn_scores.sicbl_code as place_code,
    pcn_scores.sicbl_code as place_name,
    pcn_scores.imd_score,
    cast(null as integer) as imd_decile,
    published.denominator as population,
    published.value,
    published.numerator,
    published.denominator
from pcn_scores
inner join published on published.area_code = pcn_scores.pcn_code
where pcn_scores.imd_score is not null and published.denominator > 0 and ($sicbl = '' or pcn_scores.sicbl_code = $sicbl)
order by pcn_scores.imd_score desc, pcn_scores.pcn_code
