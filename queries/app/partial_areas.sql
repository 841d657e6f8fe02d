-- purpose: the ICB's areas that lie only partly inside it (some of their LSOAs are in another ICB), so that every
--   view can mark them "(part)"; derived from the ONS LSOA lookups at build time (mart_areas.whole_area_in_icb).
-- grain: one row per area (level x area code) only partly in the ICB, in one IMD vintage's geography.
-- parameters: $vintage, $icb.
select
    areas.level,
    areas.area_code
from mart_areas as areas
where areas.imd_vintage = $vintage and areas.icb_code = $icb and not areas.whole_area_in_icb
order by areas.level, areas.area_code
