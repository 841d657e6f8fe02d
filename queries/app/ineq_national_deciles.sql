-- purpose: one LSOA-based indicator summed by national IMD decile (or quintile) over the configured ICB's LSOAs
--          (optionally one place): counts and denominators per group, and the population-weighted mean value for
--          indicators that have no counts. Intervals are added in Python (Wilson).
-- grain: one row per national deprivation group present in the area (1 = most deprived).
-- parameters: $indicator, $vintage, $icb, $place (a place code, or '' for the whole ICB), $period,
--             $groups (10 = national deciles; 5 = national quintiles, decile 1-2 -> quintile 1).
with lsoas as (
    select * from mart_lsoas
    where imd_vintage = $vintage and icb_code = $icb and ($place = '' or place_code = $place)
),
lsoa_values as (
    select area_code, value, numerator, denominator
    from mart_indicator_values
    where indicator_id = $indicator and area_level = 'lsoa' and period = $period
        and (imd_vintage = $vintage or imd_vintage is null)
),
joined as (
    select
        case when $groups = 5 then cast(ceil(lsoas.imd_decile / 2.0) as integer) else lsoas.imd_decile end
            as deprivation_group,
        lsoas.deprivation_population as population,
        lsoa_values.value,
        lsoa_values.numerator,
        lsoa_values.denominator
    from lsoas
    inner join lsoa_values on lsoa_values.area_code = lsoas.lsoa_code
)
select
    deprivation_group,
    count(*) as units,
    sum(population) as population,
    sum(numerator) as numerator,
    sum(denominator) as denominator,
    count(numerator) as units_with_counts,
    sum(population * value) / sum(population) as weighted_value
from joined
group by deprivation_group
order by deprivation_group
