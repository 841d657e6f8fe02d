-- purpose: one area's LSOAs with their national IMD decile and boundary geometry, for the profile's static map.
-- grain: one row per LSOA of the area (geometry null where no boundary is shipped).
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code), $level ('icb', 'place' or 'district'), $area_code.
with lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
),
in_area as (
    select lsoas.* from lsoas
    inner join mart_area_lsoas as members
        on members.lsoa_code = lsoas.lsoa_code and members.imd_vintage = $vintage
        and members.icb_code = $icb and members.level = $level and members.area_code = $area_code
),
boundaries as (
    select area_code, geometry_json from geo_boundaries
    where imd_vintage = $vintage and icb_code = $icb and level = 'lsoa'
)
select in_area.lsoa_code, in_area.lsoa_name, in_area.imd_decile, boundaries.geometry_json
from in_area
left join boundaries on boundaries.area_code = in_area.lsoa_code
order by in_area.lsoa_code
