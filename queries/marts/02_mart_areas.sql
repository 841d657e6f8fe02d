-- purpose: every area the app can show, per IMD vintage and ICB: LSOAs, MSOAs (2011, IMD 2019 vintage only), wards,
--          districts, places, sub-ICBs and the ICB,
--          with parents, LSOA counts, and whether the whole area lies inside the ICB.
-- grain: one row per IMD vintage x ICB x level x area (an area straddling two ICBs appears once for each).
-- parameters: none.
create or replace table mart_areas as
with lsoas as (
    select * from mart_lsoas
),
national_lsoa_counts as (
    select imd_vintage, 'ward' as level, ward_code as area_code, count(*) as national_lsoas from lsoas group by all
    union all
    select imd_vintage, 'msoa', msoa_code, count(*) from lsoas where msoa_code is not null group by all
    union all
    select imd_vintage, 'district', lad_code, count(*) from lsoas group by all
    union all
    select imd_vintage, 'utla', utla_code, count(*) from lsoas group by all
),
by_level as (
    select imd_vintage, icb_code, 'lsoa' as level, lsoa_code as area_code, any_value(lsoa_name) as area_name,
        any_value(ward_code) as ward_code, any_value(lad_code) as lad_code, any_value(place_code) as place_code,
        count(*) as lsoas
    from lsoas group by imd_vintage, icb_code, lsoa_code
    union all
    select imd_vintage, icb_code, 'ward', ward_code, any_value(ward_name), ward_code, any_value(lad_code),
        mode(place_code), count(*)
    from lsoas group by imd_vintage, icb_code, ward_code
    union all
    select imd_vintage, icb_code, 'msoa', msoa_code, any_value(msoa_name), null, mode(lad_code), mode(place_code), count(*)
    from lsoas where msoa_code is not null group by imd_vintage, icb_code, msoa_code
    union all
    select imd_vintage, icb_code, 'district', lad_code, any_value(lad_name), null, lad_code, mode(place_code), count(*)
    from lsoas group by imd_vintage, icb_code, lad_code
    union all
    select imd_vintage, icb_code, 'place', place_code, any_value(place_name), null, null, place_code, count(*)
    from lsoas group by imd_vintage, icb_code, place_code
    union all
    select imd_vintage, icb_code, 'sicbl', sicbl_code, any_value(sicbl_name), null, null, null, count(*)
    from lsoas group by imd_vintage, icb_code, sicbl_code
    union all
    select imd_vintage, icb_code, 'icb', icb_code, any_value(icb_name), null, null, null, count(*)
    from lsoas group by imd_vintage, icb_code
),
-- a place that is exactly one whole upper-tier authority can take that authority's published values
place_upper_tier as (
    select lsoas.imd_vintage, lsoas.icb_code, lsoas.place_code, any_value(lsoas.utla_code) as utla_code,
        count(distinct lsoas.utla_code) as utlas, count(*) as lsoas
    from lsoas group by all
),
final as (
    select
        by_level.*,
        case by_level.level
            when 'ward' then by_level.lsoas = national_lsoa_counts.national_lsoas
            when 'msoa' then by_level.lsoas = national_lsoa_counts.national_lsoas
            when 'district' then by_level.lsoas = national_lsoa_counts.national_lsoas
            else true
        end as whole_area_in_icb,
        case when by_level.level = 'place' and place_upper_tier.utlas = 1
                  and place_upper_tier.lsoas = utla_counts.national_lsoas
             then place_upper_tier.utla_code end as same_as_upper_tier_code
    from by_level
    left join national_lsoa_counts
        on national_lsoa_counts.imd_vintage = by_level.imd_vintage
        and national_lsoa_counts.level = by_level.level
        and national_lsoa_counts.area_code = by_level.area_code
    left join place_upper_tier
        on by_level.level = 'place'
        and place_upper_tier.imd_vintage = by_level.imd_vintage
        and place_upper_tier.icb_code = by_level.icb_code
        and place_upper_tier.place_code = by_level.area_code
    left join national_lsoa_counts as utla_counts
        on utla_counts.imd_vintage = by_level.imd_vintage
        and utla_counts.level = 'utla'
        and utla_counts.area_code = place_upper_tier.utla_code
)
select * from final
