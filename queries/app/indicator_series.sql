-- purpose: every period of one indicator for a set of areas (trend charts), England included.
-- grain: one row per area x period.
-- parameters: $indicator, $vintage, $codes (list of area codes).
select
    area_code,
    coalesce(area_name, area_code) as area_name,
    period,
    period_sort,
    value,
    lowercl,
    uppercl,
    numerator,
    denominator,
    published_comparison,
    published_comparison_level,
    published_trend,
    value_note
from mart_indicator_values
where indicator_id = $indicator
    and (imd_vintage = $vintage or imd_vintage is null)
    and area_code in (select unnest($codes))
order by area_code, period_sort, period
