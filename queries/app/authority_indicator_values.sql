-- purpose: every English district and unitary authority's value of the given indicators in the periods the given
--          authority has a value for: its latest period only ($latest_only, for ranks and peer-group comparators:
--          docs/methods.md#ranks-among-authorities) or every such period (for peer-group comparator series:
--          docs/methods.md#comparing-with-a-peer-group).
-- grain: one row per indicator x period x English district with a value in that period.
-- parameters: $area_code (an authority code, E06-E09), $vintage, $indicators (list of indicator ids),
--             $latest_only (boolean).
with candidate as (
    select * from mart_indicator_values
    where indicator_id in (select unnest($indicators))
        and (imd_vintage = $vintage or imd_vintage is null)
        and area_level = 'district' and area_code like 'E%'
),
area_periods as (
    select indicator_id, period, period_sort
    from candidate
    where area_code = $area_code and period_sort is not null and value is not null
),
chosen as (
    select distinct indicator_id, period from area_periods
    where not $latest_only
    union
    select indicator_id, arg_max(period, period_sort) as period from area_periods
    where $latest_only
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
inner join chosen on chosen.indicator_id = candidate.indicator_id and chosen.period = candidate.period
where candidate.value is not null
order by candidate.indicator_id, candidate.period, candidate.area_code
