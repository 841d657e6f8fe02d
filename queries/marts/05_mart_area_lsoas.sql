-- purpose: which LSOAs make up each of an ICB's areas (the ICB, its places, districts, wards and, for 2011
--          LSOAs, MSOAs), so app queries
--          select "the LSOAs of this area" with one join instead of repeating a case over levels.
-- grain: one row per IMD vintage x ICB x level x area x LSOA (only LSOAs inside the ICB).
-- parameters: none.
create or replace table mart_area_lsoas as
select lsoas.imd_vintage, lsoas.icb_code, member.level, member.area_code, lsoas.lsoa_code
from mart_lsoas as lsoas,
lateral (select unnest([
    {'level': 'icb', 'area_code': icb_code},
    {'level': 'place', 'area_code': place_code},
    {'level': 'district', 'area_code': lad_code},
    {'level': 'ward', 'area_code': ward_code},
    {'level': 'msoa', 'area_code': msoa_code}
], recursive := true)) as member
where member.area_code is not null
