-- purpose: every English district and unitary authority's value of the given indicators in the period that is the
--          latest for one authority, for ranks and peer-group comparators (docs/methods.md#ranks-among-authorities).
-- grain: one row per indicator x English district with a value in that period.
-- parameters: $area_code (an authority code, E06-E09), $vintage, $indicators (list of indicator ids).
with candidate as (
    select * from mart_indicator_values
    where indicator_id in (select unnest($indicators))
        and (imd_vintage = $vintage or imd_vintage is null)
        and area_level = 'district' and area_code like 'E%'
),
area_latest as (
    select indicator_id, arg_max(period, period_sort) as period
    from candidate
    where area_code = $area_code and period_sort is not null and value is not null
    group by indicator_id
)
select
    candidate.indicator_id,
    candidate.period,
    candidate.area_code,
    candidate.area_name,
    candidate.value,
    candidate.lowercl,
    candidate.uppercl,
    candidate.numerator,
    candidate.denominator
from candidate
inner join area_latest on area_latest.indicator_id = candidate.indicator_id and area_latest.period = candidate.period
where candidate.value is not null
order by candidate.indicator_id, candidate.area_code
