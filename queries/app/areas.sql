-- purpose: the configured ICB's areas at one level, with their parents, for pickers and joins.
-- grain: one row per area.
-- parameters: $vintage, $icb, $level (lsoa, ward, district, place, sicbl, icb).
select
    areas.area_code,
    areas.area_name,
    areas.ward_code,
    areas.lad_code,
    areas.place_code,
    areas.lsoas,
    areas.whole_area_in_icb,
    areas.same_as_upper_tier_code
from mart_areas as areas
where areas.imd_vintage = $vintage and areas.icb_code = $icb and areas.level = $level
order by areas.area_name
