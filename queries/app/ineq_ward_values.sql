-- purpose: one indicator for every electoral ward of the configured ICB (optionally one place), with the ward's
--          population-weighted average IMD score, so Python can put wards into local deprivation quantiles.
-- grain: one row per ward with a value for the indicator and period.
-- parameters: $indicator, $vintage, $icb, $place (a place code, or '' for the whole ICB), $period.
with wards as (
    select area_code, area_name, place_code from mart_areas
    where imd_vintage = $vintage and icb_code = $icb and level = 'ward'
),
ward_places as (
    -- a ward belongs to the place most of its LSOAs lie in
    select ward_code, mode(place_code) as place_code, any_value(place_name) as place_name,
        sum(deprivation_population) as population
    from mart_lsoas
    where imd_vintage = $vintage and icb_code = $icb
    group by ward_code
),
scores as (
    select area_code, value as imd_score from mart_indicator_values
    where indicator_id = 'imd_score' and area_level = 'ward' and imd_vintage = $vintage
),
ward_values as (
    select area_code, value, numerator, denominator from mart_indicator_values
    where indicator_id = $indicator and area_level = 'ward' and period = $period
        and (imd_vintage = $vintage or imd_vintage is null)
)
select
    wards.area_code as unit_code,
    wards.area_name as unit_name,
    ward_places.place_code,
    ward_places.place_name,
    scores.imd_score,
    cast(null as integer) as imd_decile,
    ward_places.population,
    ward_values.value,
    ward_values.numerator,
    ward_values.denominator
from wards
inner join ward_places on ward_places.ward_code = wards.area_code
inner join scores on scores.area_code = wards.area_code
inner join ward_values on ward_values.area_code = wards.area_code
where $place = '' or ward_places.place_code = $place
order by scores.imd_score desc, wards.area_code
