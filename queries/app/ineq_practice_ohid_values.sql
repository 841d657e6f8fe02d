-- purpose: an indicator OHID publishes for GP practices with its own period labels (e.g. GP-recorded smoking 15+,
--          Fingertips 91547, '2023/24') for every practice of the configured ICB (optionally one sub-ICB location),
--          with the practice's published deprivation score (IMD 2025, Fingertips 94240), so Python can put practices
--          into local deprivation quantiles weighted by the indicator's denominator. Values, counts and denominators
--          are OHID's (published); ineq_practice_values is the QOF-register counterpart.
-- grain: one row per practice of the ICB with a value in the period and a published deprivation score.
-- parameters: $indicator, $icb, $sicbl (a sub-ICB code, or '' for the whole ICB), $period (OHID's period label).
-- notes: a practice belongs to the ICB (and to a sub-ICB location) as in the latest QOF year it appears in, because
--        OHID's practice rows carry no sub-ICB code and their years are labelled differently from QOF's.
with practices as (
    select practice_code, arg_max(practice_name, period) as practice_name, arg_max(sicbl_code, period) as sicbl_code
    from stg_qof__prevalence
    where icb_code = $icb
    group by practice_code
),
practice_values as (
    select area_code, value, numerator, denominator from mart_indicator_values
    where indicator_id = $indicator and area_level = 'practice' and period = $period and denominator > 0
),
deprivation as (
    select practice_code, imd_score from stg_gp_practices__deprivation
)
select
    practices.practice_code as unit_code,
    practices.practice_name as unit_name,
    practices.sicbl_code as place_code,
    practices.sicbl_code as place_name,
    deprivation.imd_score,
    cast(null as integer) as imd_decile,
    practice_values.denominator as population,
    practice_values.value,
    practice_values.numerator,
    practice_values.denominator
from practices
inner join practice_values on practice_values.area_code = practices.practice_code
inner join deprivation on deprivation.practice_code = practices.practice_code
where $sicbl = '' or practices.sicbl_code = $sicbl
order by deprivation.imd_score desc, practices.practice_code
