-- purpose: reference data for uploaded files: the configured ICB's MSOAs (2011), wards, districts, places, footprints, sub-ICB
--          locations and the ICB itself in both IMD vintages, with parents and the File 10-style average IMD score
--          (to rank wards and districts locally), and each area's LSOAs (for aggregating LSOA uploads).
-- grain: one row per IMD vintage x level x area x LSOA (areas of the ICB; the LSOA list comes from mart_area_lsoas,
--        sub-ICBs from mart_lsoas).
-- parameters: $icb (ICB ONS code).
with areas as (
    select * from mart_areas
    where icb_code = $icb and level in ('msoa', 'ward', 'district', 'place', 'footprint', 'sicbl', 'icb')
),
summaries as (
    select imd_vintage, level, area_code, avg_score, population from mart_deprivation_summaries
    union all
    -- MSOAs (2011) have no File 10-style summary: their LSOAs' population-weighted average score, computed here
    select imd_vintage, 'msoa', msoa_code, sum(deprivation_population * imd_score) / sum(deprivation_population),
        sum(deprivation_population)
    from mart_lsoas
    where msoa_code in (select area_code from areas where level = 'msoa')
    group by imd_vintage, msoa_code
),
members as (
    select imd_vintage, level, area_code, lsoa_code from mart_area_lsoas where icb_code = $icb
    union all
    select imd_vintage, 'sicbl', sicbl_code, lsoa_code from mart_lsoas where icb_code = $icb
)
select
    areas.imd_vintage,
    areas.level,
    areas.area_code,
    areas.area_name,
    areas.lad_code,
    areas.place_code,
    summaries.avg_score,
    summaries.population,
    members.lsoa_code
from areas
inner join members
    on members.imd_vintage = areas.imd_vintage and members.level = areas.level and members.area_code = areas.area_code
left join summaries
    on summaries.imd_vintage = areas.imd_vintage and summaries.level = areas.level
    and summaries.area_code = areas.area_code
order by areas.imd_vintage, areas.level, areas.area_code, members.lsoa_code
