-- purpose: a user-defined area (a list of LSOA codes drawn on the Your data page, session only): its LSOAs with ward,
--          district, national IMD decile and score, the IoD population weight, residents, Census 2021 disability and
--          general-health counts and the boundary geometry, from which the area's profile is computed here.
-- grain: one row per LSOA of the list that is an LSOA of the ICB in this IMD vintage's geography.
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code), $lsoas (list of LSOA codes).
-- notes: nothing about the area is stored: the list arrives as a bound parameter. Census 2021 counts exist with the
--        2025 vintage (2021 LSOAs) only.
with lsoas as (
    select * from mart_lsoas
    where imd_vintage = $vintage and icb_code = $icb and list_contains($lsoas, lsoa_code)
),
boundaries as (
    select area_code, geometry_json from geo_boundaries
    where imd_vintage = $vintage and icb_code = $icb and level = 'lsoa'
)
select
    lsoas.lsoa_code,
    lsoas.lsoa_name,
    lsoas.ward_code,
    lsoas.ward_name,
    lsoas.lad_code,
    lsoas.lad_name,
    lsoas.imd_decile,
    lsoas.imd_score,
    lsoas.deprivation_population as population,
    lsoas.deprivation_population_source as population_source,
    lsoas.deprivation_population * lsoas.income_score as income_deprived,
    lsoas.residents,
    lsoas.residents_source,
    lsoas.residents_disabled as disabled,
    lsoas.disability_total,
    census.residents_bad_health as bad_health,
    census.general_health_total,
    boundaries.geometry_json
from lsoas
left join stg_census2021__health as census on census.lsoa_code = lsoas.lsoa_code and $vintage = 2025
left join boundaries on boundaries.area_code = lsoas.lsoa_code
order by lsoas.lsoa_code
