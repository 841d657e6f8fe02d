-- purpose: one LSOA-based indicator for every LSOA of the configured ICB (optionally one place), with each LSOA's
--          IMD score, national IMD decile and population, so Python can put LSOAs into local deprivation quantiles.
-- grain: one row per LSOA of the ICB (or place) in the vintage that has a value for the indicator and period.
-- parameters: $indicator, $vintage, $icb, $place (a place code, or '' for the whole ICB), $period.
with lsoas as (
    select * from mart_lsoas
    where imd_vintage = $vintage and icb_code = $icb and ($place = '' or place_code = $place)
),
lsoa_values as (
    select area_code, value, numerator, denominator
    from mart_indicator_values
    where indicator_id = $indicator and area_level = 'lsoa' and period = $period
        and (imd_vintage = $vintage or imd_vintage is null)
)
select
    lsoas.lsoa_code as unit_code,
    lsoas.lsoa_name as unit_name,
    lsoas.place_code,
    lsoas.place_name,
    lsoas.imd_score,
    lsoas.imd_decile,
    lsoas.deprivation_population as population,
    lsoa_values.value,
    lsoa_values.numerator,
    lsoa_values.denominator
from lsoas
inner join lsoa_values on lsoa_values.area_code = lsoas.lsoa_code
order by lsoas.imd_score desc, lsoas.lsoa_code
