-- purpose: the districts and wards a custom footprint's LSOAs lie in, with how many of each member's LSOAs are inside,
--          so a footprint profile can show published district values per member and its most deprived wards.
-- grain: one row per footprint x level ('district' or 'ward') x member area.
-- parameters: $vintage, $icb, $area_code (a footprint code).
with footprint_lsoas as (
    select lsoa_code from mart_area_lsoas
    where imd_vintage = $vintage and icb_code = $icb and level = 'footprint' and area_code = $area_code
),
lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
        and lsoa_code in (select lsoa_code from footprint_lsoas)
)
select 'district' as level, lad_code as area_code, any_value(lad_name) as area_name, count(*) as lsoas_in_footprint
from lsoas group by lad_code
union all
select 'ward', ward_code, any_value(ward_name), count(*) from lsoas group by ward_code
order by level, area_code
