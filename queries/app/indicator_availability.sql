-- purpose: which levels and periods each indicator has data for, within the configured ICB and IMD vintage.
-- grain: one row per indicator x level x period (with the number of the ICB's areas that have a value).
-- parameters: $vintage, $icb.
with areas as (
    select level, area_code from mart_areas where imd_vintage = $vintage and icb_code = $icb
)
select
    values.indicator_id,
    areas.level,
    values.period,
    any_value(values.period_sort) as period_sort,
    count(*) as areas_with_value
from mart_indicator_values as values
inner join areas on areas.area_code = values.area_code
where values.imd_vintage = $vintage or values.imd_vintage is null
group by values.indicator_id, areas.level, values.period
order by values.indicator_id, areas.level, period_sort
