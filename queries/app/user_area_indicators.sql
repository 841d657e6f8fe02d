-- purpose: additive LSOA indicators (a count over a denominator, e.g. Census 2021 bad health) summed over the LSOAs of a
--          user-defined area, with England's value for the same indicator and period; the area's rate and interval are
--          computed here from these sums (lsc_phm.views.place_profile.user_area_figures).
-- grain: one row per indicator x period with LSOA numerators and denominators in this IMD vintage.
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code), $lsoas (list of LSOA codes).
with lsoas as (
    select lsoa_code from mart_lsoas
    where imd_vintage = $vintage and icb_code = $icb and list_contains($lsoas, lsoa_code)
),
summed as (
    select
        v.indicator_id,
        v.period,
        any_value(v.period_sort) as period_sort,
        count(*) as lsoas,
        sum(v.numerator) as numerator,
        sum(v.denominator) as denominator
    from mart_indicator_values as v
    inner join lsoas on lsoas.lsoa_code = v.area_code
    where v.area_level = 'lsoa' and v.imd_vintage = $vintage and v.numerator is not null and v.denominator > 0
    group by v.indicator_id, v.period
)
select
    summed.*,
    england.value as england_value
from summed
left join mart_indicator_values as england
    on england.indicator_id = summed.indicator_id and england.period = summed.period
    and england.area_level = 'england' and england.imd_vintage = $vintage
order by summed.indicator_id, summed.period_sort
