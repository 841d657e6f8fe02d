-- purpose: the sub-ICB location whose LSOAs are exactly one area's LSOAs (e.g. 00R = Blackpool), so practice-based
--          QOF values published for sub-ICBs can stand for that place or district.
-- grain: zero or one row (zero when no sub-ICB coincides with the area).
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code), $level ('place' or 'district'), $area_code.
with lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
),
area_lsoas as (
    select lsoas.lsoa_code, lsoas.sicbl_code from lsoas
    inner join mart_area_lsoas as members
        on members.lsoa_code = lsoas.lsoa_code and members.imd_vintage = $vintage
        and members.icb_code = $icb and members.level = $level and members.area_code = $area_code
),
sicbl_sizes as (
    select sicbl_code, any_value(sicbl_ods_code) as sicbl_ods_code, any_value(sicbl_name) as sicbl_name,
        count(*) as lsoas
    from lsoas group by sicbl_code
),
shared_lsoas as (
    select sicbl_code, count(*) as lsoas from area_lsoas group by sicbl_code
)
select sicbl_sizes.sicbl_code, sicbl_sizes.sicbl_ods_code, sicbl_sizes.sicbl_name
from shared_lsoas
inner join sicbl_sizes on sicbl_sizes.sicbl_code = shared_lsoas.sicbl_code
where shared_lsoas.lsoas = sicbl_sizes.lsoas and shared_lsoas.lsoas = (select count(*) from area_lsoas)
