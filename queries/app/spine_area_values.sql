-- purpose: spine-chart rows for one area: for each indicator, the area's most recent value, England's value for the
--          same period, and the spread of that indicator across all English local authority districts and unitary
--          authorities in that period (min, 25th percentile, 75th percentile, max).
-- grain: one row per indicator with a value for the area.
-- parameters: $area_code, $vintage, $indicators (list of indicator ids).
with candidate as (
    select * from mart_indicator_values
    where indicator_id in (select unnest($indicators))
        and (imd_vintage = $vintage or imd_vintage is null)
),
area_latest as (
    select indicator_id, arg_max(period, period_sort) as period
    from candidate
    where area_code = $area_code and period_sort is not null
    group by indicator_id
),
area_values as (
    select candidate.indicator_id, candidate.period, candidate.area_name, candidate.value, candidate.lowercl,
        candidate.uppercl, candidate.numerator, candidate.denominator, candidate.ci_source,
        candidate.published_comparison, candidate.published_comparison_level
    from candidate
    inner join area_latest on area_latest.indicator_id = candidate.indicator_id
        and area_latest.period = candidate.period
    where candidate.area_code = $area_code
),
districts as (
    select candidate.indicator_id, candidate.period, candidate.value
    from candidate
    inner join area_latest on area_latest.indicator_id = candidate.indicator_id
        and area_latest.period = candidate.period
    where candidate.area_level = 'district' and candidate.area_code like 'E%'
),
spread as (
    select indicator_id, period, count(*) as districts, min(value) as district_min,
        quantile_cont(value, 0.25) as district_q25, quantile_cont(value, 0.75) as district_q75,
        max(value) as district_max
    from districts
    group by indicator_id, period
),
england as (
    select candidate.indicator_id, candidate.period, any_value(candidate.value) as england_value
    from candidate
    where candidate.area_code = 'E92000001'
    group by candidate.indicator_id, candidate.period
)
select
    area_values.indicator_id,
    area_values.period,
    area_values.area_name,
    area_values.value,
    area_values.lowercl,
    area_values.uppercl,
    area_values.numerator,
    area_values.denominator,
    area_values.ci_source,
    area_values.published_comparison,
    area_values.published_comparison_level,
    england.england_value,
    spread.districts,
    spread.district_min,
    spread.district_q25,
    spread.district_q75,
    spread.district_max
from area_values
left join england on england.indicator_id = area_values.indicator_id and england.period = area_values.period
left join spread on spread.indicator_id = area_values.indicator_id and spread.period = area_values.period
order by area_values.indicator_id
