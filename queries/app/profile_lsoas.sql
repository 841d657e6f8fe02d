-- purpose: one area's LSOAs with their national IMD decile and boundary geometry, for the profile's static map.
-- grain: one row per LSOA of the area (geometry null where no boundary is shipped).
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code), $level ('icb', 'place' or 'district'), $area_code.
with lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
),
in_area as (
    select * from lsoas
    where case $level
        when 'icb' then lsoas.icb_code = $area_code
        when 'place' then lsoas.place_code = $area_code
        when 'district' then lsoas.lad_code = $area_code
        else false
    end
),
boundaries as (
    select area_code, geometry_json from geo_boundaries
    where imd_vintage = $vintage and icb_code = $icb and level = 'lsoa'
)
select in_area.lsoa_code, in_area.lsoa_name, in_area.imd_decile, boundaries.geometry_json
from in_area
left join boundaries on boundaries.area_code = in_area.lsoa_code
order by in_area.lsoa_code
