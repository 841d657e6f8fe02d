-- purpose: one indicator's values for the configured ICB's areas at one level and period, with the England value
--          alongside as the benchmark.
-- columns: also ci_source ('published' / 'computed here'), published_comparison (publisher's own verdict, made at
--          published_comparison_level) and
--          value_note (e.g. a proxy area's value).
-- grain: one row per area at that level (areas with no value are kept, value null).
-- parameters: $indicator, $vintage, $icb, $level, $period.
with areas as (
    select area_code, area_name from mart_areas
    where imd_vintage = $vintage and icb_code = $icb and level = $level
),
values_for_period as (
    select * from mart_indicator_values
    where indicator_id = $indicator and period = $period
        and (imd_vintage = $vintage or imd_vintage is null)
),
england as (
    select value, lowercl, uppercl from values_for_period where area_code = 'E92000001' limit 1
)
select
    areas.area_code,
    areas.area_name,
    values_for_period.value,
    values_for_period.lowercl,
    values_for_period.uppercl,
    values_for_period.numerator,
    values_for_period.denominator,
    values_for_period.ci_source,
    values_for_period.published_comparison,
    values_for_period.published_comparison_level,
    values_for_period.value_note,
    $period as period,
    (select value from england) as england_value
from areas
left join values_for_period on values_for_period.area_code = areas.area_code
order by areas.area_name
