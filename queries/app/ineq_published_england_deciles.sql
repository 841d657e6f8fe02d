-- purpose: OHID's published England-by-deprivation-decile series for one indicator (areas grouped by the deprivation
--          decile of their district or county/UA, IMD 2019), with the publisher's values, counts and 95% limits.
-- grain: one row per period x category type (decile grouping and geography version) x decile.
-- parameters: $indicator.
select indicator_id, period, period_sort, category_type, decile as deprivation_group, value, lowercl, uppercl,
    numerator, denominator
from mart_indicator_england_deciles
where indicator_id = $indicator and decile is not null
order by period_sort, category_type, decile
