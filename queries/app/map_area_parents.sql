-- purpose: each map area's parents (ward, district, place, sub-ICB location) and its LSOAs' deprivation mix, for the
--          map explorer's profile panel and table. A parent is the one most of the area's LSOAs lie in (best fit).
-- grain: one row per area of the configured ICB at $level.
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code), $level (lsoa, msoa, ward, district, place, sicbl,
--             footprint).
with lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
),
members as (
    select
        case $level
            when 'lsoa' then lsoa_code
            when 'ward' then ward_code
            when 'msoa' then msoa_code
            when 'district' then lad_code
            when 'place' then place_code
            when 'sicbl' then sicbl_code
        end as area_code,
        lsoas.*
    from lsoas
    where $level <> 'footprint'
    union all
    -- custom footprints (config/areas.toml) may overlap, so their LSOAs come from the membership mart
    select footprints.area_code, lsoas.*
    from lsoas
    inner join mart_area_lsoas as footprints
        on footprints.imd_vintage = lsoas.imd_vintage and footprints.icb_code = lsoas.icb_code
        and footprints.lsoa_code = lsoas.lsoa_code and footprints.level = 'footprint'
    where $level = 'footprint'
),
parents as (
    select
        area_code,
        mode({'code': ward_code, 'name': ward_name}) as ward,
        mode({'code': lad_code, 'name': lad_name}) as district,
        mode({'code': place_code, 'name': place_name}) as place,
        mode({'code': sicbl_code, 'name': sicbl_name}) as sicbl,
        count(*) as lsoas,
        count(*) filter (where is_core20) as core20_lsoas,
        min(imd_decile) as most_deprived_decile,
        any_value(imd_decile) filter (where $level = 'lsoa') as imd_decile,
        any_value(imd_rank) filter (where $level = 'lsoa') as imd_rank,
        any_value(imd_score) filter (where $level = 'lsoa') as imd_score
    from members
    where area_code is not null
    group by area_code
)
select
    area_code,
    -- a footprint is made of whole areas of several kinds: a best-fit "parent" would mislead, so none is given
    case when $level <> 'footprint' then ward.code end as ward_code,
    case when $level <> 'footprint' then ward.name end as ward_name,
    case when $level <> 'footprint' then district.code end as lad_code,
    case when $level <> 'footprint' then district.name end as lad_name,
    case when $level <> 'footprint' then place.code end as place_code,
    case when $level <> 'footprint' then place.name end as place_name,
    case when $level <> 'footprint' then sicbl.code end as sicbl_code,
    case when $level <> 'footprint' then sicbl.name end as sicbl_name,
    lsoas,
    core20_lsoas,
    most_deprived_decile,
    imd_decile,
    imd_rank,
    imd_score
from parents
order by area_code
