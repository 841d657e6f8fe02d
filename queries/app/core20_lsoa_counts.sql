-- purpose: how many of each area's LSOAs (and how many people) are in national IMD deciles 1 and 2, for the configured
--          ICB's districts, places and the ICB itself (published-context check: e.g. Blackpool 39 of 94 in decile 1).
-- grain: one row per level x area.
-- parameters: $vintage, $icb.
with lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
),
memberships as (
    select 'district' as level, lad_code as area_code, lad_name as area_name, * from lsoas
    union all
    select 'place', place_code, place_name, * from lsoas
    union all
    select 'icb', icb_code, icb_name, * from lsoas
)
select
    level,
    area_code,
    any_value(area_name) as area_name,
    count(*) as lsoas,
    count(*) filter (where imd_decile = 1) as lsoas_decile_1,
    count(*) filter (where is_core20) as lsoas_core20,
    sum(deprivation_population) as population,
    coalesce(sum(deprivation_population) filter (where is_core20), 0) as core20_population,
    any_value(deprivation_population_source) as population_source
from memberships
group by level, area_code
order by level, area_name
