-- purpose: boundaries of the configured ICB's Core20 LSOAs (national IMD deciles 1-2 in the chosen vintage), for the
--          map explorer's Core20 outline (dissolved into one outline in lsc_phm.maps.outline).
-- grain: one row per Core20 LSOA of the ICB.
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code).
with core20_lsoas as (
    select lsoa_code from mart_lsoas
    where imd_vintage = $vintage and icb_code = $icb and is_core20
),
lsoa_boundaries as (
    select area_code, geometry_json from geo_boundaries
    where imd_vintage = $vintage and icb_code = $icb and level = 'lsoa'
)
select lsoa_boundaries.area_code, lsoa_boundaries.geometry_json
from lsoa_boundaries
inner join core20_lsoas on core20_lsoas.lsoa_code = lsoa_boundaries.area_code
order by lsoa_boundaries.area_code
