-- purpose: the custom footprints of config/areas.toml for one ICB, with their description, members and LSOA counts
--          in each IMD vintage, for the Data and methods page.
-- grain: one row per footprint.
-- parameters: $icb (ICB ONS code).
with members as (
    select footprint_code, any_value(footprint_name) as footprint_name, any_value(description) as description,
        string_agg(member_level || ' ' || member_code, ', ' order by member_level, member_code) as members
    from cfg_footprint_members
    where icb_code = $icb
    group by footprint_code
),
sizes as (
    select area_code,
        sum(lsoas) filter (where imd_vintage = 2019) as lsoas_2011,
        sum(lsoas) filter (where imd_vintage = 2025) as lsoas_2021
    from mart_areas
    where icb_code = $icb and level = 'footprint'
    group by area_code
)
select members.footprint_code, members.footprint_name, members.description, members.members, sizes.lsoas_2011,
    sizes.lsoas_2021
from members
left join sizes on sizes.area_code = members.footprint_code
order by members.footprint_name
