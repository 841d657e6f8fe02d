-- purpose: every indicator value held for a few areas (an area and its comparator, e.g. England), all periods,
--          for the "what needs attention" list.
-- grain: one row per area x indicator x period.
-- parameters: $vintage (IMD vintage of LSOA-based values; England has none), $codes (list of area codes).
select
    indicator_id,
    area_code,
    coalesce(area_name, area_code) as area_name,
    area_level,
    period,
    period_sort,
    value,
    lowercl,
    uppercl,
    numerator,
    denominator,
    ci_source,
    published_comparison,
    published_trend,
    value_note
from mart_indicator_values
where (imd_vintage = $vintage or imd_vintage is null)
    and area_code in (select unnest($codes))
order by indicator_id, area_code, period_sort, period
