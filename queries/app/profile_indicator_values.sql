-- purpose: a place profile's indicators for every area of the ICB at one level, in every period those areas have,
--          with England's value of each period: one read where the profile would otherwise run indicator_series and
--          indicator_values once per indicator and period. The profile takes its area's history, latest and
--          previous periods from these rows, and treats each indicator x period exactly as indicator_values' rows.
-- columns: those of indicator_values, plus indicator_id, period_sort and published_trend (as indicator_series).
-- grain: one row per indicator x period x area at that level (areas with no value in the period are kept, value
--        null); periods are those in which some area at that level has a row.
-- parameters: $indicators (list of indicator ids), $vintage, $icb, $level.
with areas as (
    select area_code, area_name from mart_areas
    where imd_vintage = $vintage and icb_code = $icb and level = $level
),
wanted as (
    select * from mart_indicator_values
    where indicator_id in (select unnest($indicators))
        and (imd_vintage = $vintage or imd_vintage is null)
),
area_values as (
    select wanted.* from wanted
    inner join areas on areas.area_code = wanted.area_code
),
periods as (
    select distinct indicator_id, period from area_values
),
england as (
    select indicator_id, period, value from wanted where area_code = 'E92000001'
)
select
    periods.indicator_id,
    areas.area_code,
    areas.area_name,
    area_values.value,
    area_values.lowercl,
    area_values.uppercl,
    area_values.numerator,
    area_values.denominator,
    area_values.ci_source,
    area_values.published_comparison,
    area_values.published_comparison_level,
    area_values.value_note,
    periods.period,
    area_values.period_sort,
    area_values.published_trend,
    england.value as england_value
from periods
cross join areas
left join area_values
    on area_values.indicator_id = periods.indicator_id and area_values.period = periods.period
    and area_values.area_code = areas.area_code
left join england on england.indicator_id = periods.indicator_id and england.period = periods.period
order by periods.indicator_id, periods.period, areas.area_name
