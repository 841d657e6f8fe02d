-- purpose: the sub-ICB locations an area's LSOAs lie in, and how many of each sub-ICB's LSOAs are in the area, so the
--          place profile can list the PCNs that serve it (PCNs are placed by their practices' sub-ICB location).
-- grain: one row per sub-ICB location with at least one LSOA in the area.
-- parameters: $vintage, $icb, $area_code (the ICB, a place, a district, a ward or a footprint code).
with area_lsoas as (
    select lsoa_code from mart_area_lsoas
    where imd_vintage = $vintage and icb_code = $icb and area_code = $area_code
),
lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
)
select
    lsoas.sicbl_code,
    any_value(lsoas.sicbl_name) as sicbl_name,
    count(*) filter (where lsoas.lsoa_code in (select lsoa_code from area_lsoas)) as lsoas_in_area,
    count(*) as lsoas
from lsoas
group by lsoas.sicbl_code
having count(*) filter (where lsoas.lsoa_code in (select lsoa_code from area_lsoas)) > 0
order by lsoas.sicbl_code
