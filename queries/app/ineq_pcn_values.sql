-- purpose: one QOF register for every primary care network (PCN) of the configured ICB (optionally one sub-ICB
--          location), with the PCN's list-weighted average of its practices' published IMD 2025 scores, so Python can
--          rank PCNs into local deprivation groups weighted by list size.
-- grain: one row per PCN with a register count in the period and at least one practice with a published score.
-- parameters: $indicator, $icb, $sicbl (a sub-ICB code, or '' for the whole ICB), $period.
with practices as (
    select practice_code, pcn_code, pcn_name, sicbl_code
    from stg_qof__prevalence
    where icb_code = $icb and period = $period and pcn_code is not null
    group by all
),
practice_values as (
    select area_code, numerator, denominator from mart_indicator_values
    where indicator_id = $indicator and area_level = 'practice' and period = $period
),
scores as (
    select practice_code, imd_score from stg_gp_practices__deprivation
),
pcns as (
    select
        practices.pcn_code,
        -- ordered by practice, so the floating-point sums (and a tie in the mode) come out the same on every run
        min(practices.pcn_name) as pcn_name,
        mode(practices.sicbl_code order by practices.sicbl_code) as sicbl_code,
        sum(practice_values.numerator) as numerator,
        sum(practice_values.denominator) as denominator,
        sum(practice_values.denominator * scores.imd_score order by practices.practice_code)
            / sum(case when scores.imd_score is not null then practice_values.denominator end) as imd_score
    from practices
    inner join practice_values on practice_values.area_code = practices.practice_code
    left join scores on scores.practice_code = practices.practice_code
    group by practices.pcn_code
)
select
    pcn_code as unit_code,
    pcn_name as unit_name,
    sicbl_code as place_code,
    sicbl_code as place_name,
    imd_score,
    cast(null as integer) as imd_decile,
    denominator as population,
    100.0 * numerator / denominator as value,
    numerator,
    denominator
from pcns
where imd_score is not null and ($sicbl = '' or sicbl_code = $sicbl)
order by imd_score desc, pcn_code
