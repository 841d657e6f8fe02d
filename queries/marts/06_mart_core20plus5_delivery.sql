-- purpose: Core20PLUS5 delivery measures with numerators and denominators, added to the indicator store: SMI physical
--          health checks (sub-ICB location, place where its sub-ICBs nest, ICB, England) and childhood vaccination
--          coverage (COVER: upper-tier authority, place where it is one authority, England); the upper-tier authorities
--          (COVER's geography) as a level of each ICB; and CVDPREVENT's England gradients by IMD quintile.
-- grain: mart_areas gains one row per IMD vintage x ICB x upper-tier authority; mart_indicator_values gains one row per
--        indicator x area x period (imd_vintage null for sub-ICB, ICB, authority and England rows, which serve both
--        vintages; set for place rows, whose sub-ICB make-up depends on the vintage's geography);
--        mart_cvdprevent_england_quintiles has one row per indicator x IMD quintile.
-- parameters: none. Wilson 95% limits are added afterwards by lsc_phm.store.build (registry ci_method 'wilson').
-- notes: counts are summed, never rates averaged. A place gets an SMI value only when every sub-ICB location touching
--        it lies wholly inside it (else the sum would be of another area). An ICB gets one only when all its sub-ICB
--        locations report that quarter. Upper-tier authorities are those of the 2021 geography (COVER still reports
--        Cumbria as one county) holding at least 10% of their LSOAs in the ICB (so a 3-LSOA sliver of North Yorkshire
--        is not a level of the ICB); one only partly inside is named "(whole)" and its values carry a note.

----------- upper-tier authorities (2021 geography, IMD 2019 vintage LSOAs) as a level of each ICB
create or replace table mart_utla_areas as
with lsoas_2019 as (
    select * from mart_lsoas where imd_vintage = 2019
),
national as (
    select utla_code, any_value(utla_name) as utla_name, count(*) as national_lsoas from lsoas_2019 group by utla_code
),
in_icb as (
    select icb_code, utla_code, count(*) as icb_lsoas from lsoas_2019 group by icb_code, utla_code
),
current_utlas as (
    select distinct utla_code from mart_lsoas where imd_vintage = 2025
),
outside as (
    -- districts of a part-in authority that lie outside the ICB (named in the note on its values)
    select in_icb.icb_code, in_icb.utla_code, string_agg(distinct lsoas_2019.lad_name, ', ' order by lsoas_2019.lad_name)
        as outside_districts
    from in_icb
    inner join lsoas_2019 on lsoas_2019.utla_code = in_icb.utla_code and lsoas_2019.icb_code <> in_icb.icb_code
    group by in_icb.icb_code, in_icb.utla_code
),
kept as (
    select in_icb.icb_code, in_icb.utla_code, national.utla_name, in_icb.icb_lsoas, national.national_lsoas,
        in_icb.icb_lsoas = national.national_lsoas as whole_area_in_icb,
        current_utlas.utla_code is null as former_authority,
        outside.outside_districts
    from in_icb
    inner join national on national.utla_code = in_icb.utla_code
    left join current_utlas on current_utlas.utla_code = in_icb.utla_code
    left join outside on outside.icb_code = in_icb.icb_code and outside.utla_code = in_icb.utla_code
    where in_icb.icb_lsoas >= 0.1 * national.national_lsoas
)
select
    vintages.imd_vintage, kept.icb_code, 'utla' as level, kept.utla_code as area_code,
    kept.utla_name || case
        when kept.former_authority and not kept.whole_area_in_icb then
            case when kept.utla_code like 'E10%' then ' (former county, whole)' else ' (former authority, whole)' end
        when kept.former_authority then
            case when kept.utla_code like 'E10%' then ' (former county)' else ' (former authority)' end
        when not kept.whole_area_in_icb then ' (whole authority)'
        else '' end as area_name,
    kept.icb_lsoas as lsoas, kept.whole_area_in_icb,
    case when not kept.whole_area_in_icb then
        'value for the whole of ' || kept.utla_name || case when kept.former_authority then ' (the former county)'
        else '' end || ' as the publisher reports it, including ' || kept.outside_districts
        || ', outside this ICB: not a figure for the part in this ICB ('
        || kept.icb_lsoas || ' of its ' || kept.national_lsoas || ' LSOAs)'
    end as value_note,
    -- the same note for every ICB (the values are one row per authority): an authority only partly in one ICB is
    -- only partly in every ICB that lists it
    case when not kept.whole_area_in_icb then
        'value for the whole of ' || kept.utla_name || case when kept.former_authority and kept.utla_code like 'E10%'
        then ' (the former county)' else '' end || ' as the publisher reports it; only part of it lies in this ICB'
    end as values_note
from kept
inner join (select distinct imd_vintage, icb_code from mart_lsoas) as vintages on vintages.icb_code = kept.icb_code;

insert into mart_areas by name
select imd_vintage, icb_code, level, area_code, area_name, lsoas, whole_area_in_icb
from mart_utla_areas;

----------- SMI physical health checks
insert into mart_indicator_values by name
with checks as (
    select * from stg_smi__health_checks where smi_register > 0 and all_six_checks is not null
),
sub_icb_counts as (
    select 'sicbl' as area_level, sicbl_code as area_code, period, all_six_checks as numerator,
        smi_register as denominator
    from checks where sicbl_code is not null
),
icb_sub_icbs as (
    select icb_code, count(distinct sicbl_code) as sub_icbs
    from (select distinct sicbl_code, icb_code from stg_smi__health_checks where sicbl_code is not null)
    group by icb_code
),
icb_counts as (
    -- an ICB only when every one of its sub-ICB locations reported that quarter
    select 'icb' as area_level, checks.icb_code as area_code, checks.period, sum(checks.all_six_checks) as numerator,
        sum(checks.smi_register) as denominator
    from checks
    inner join icb_sub_icbs on icb_sub_icbs.icb_code = checks.icb_code
    where checks.sicbl_code is not null
    group by checks.icb_code, checks.period, icb_sub_icbs.sub_icbs
    having count(distinct checks.sicbl_code) = icb_sub_icbs.sub_icbs
),
england_counts as (
    select 'england' as area_level, 'E92000001' as area_code, period, sum(all_six_checks) as numerator,
        sum(smi_register) as denominator
    from checks group by period
),
sub_icb_places as (
    -- a sub-ICB location lying wholly in one place of its ICB (in that vintage's geography)
    select imd_vintage, sicbl_code, any_value(place_code) as place_code
    from mart_lsoas where sicbl_code is not null
    group by imd_vintage, sicbl_code
    having count(distinct place_code) = 1
),
nested_places as (
    -- a place every one of whose LSOAs lies in a sub-ICB location wholly inside it
    select lsoas.imd_vintage, lsoas.place_code
    from mart_lsoas as lsoas
    left join sub_icb_places on sub_icb_places.imd_vintage = lsoas.imd_vintage
        and sub_icb_places.sicbl_code = lsoas.sicbl_code and sub_icb_places.place_code = lsoas.place_code
    where lsoas.place_code is not null
    group by lsoas.imd_vintage, lsoas.place_code
    having count(*) = count(sub_icb_places.sicbl_code)
),
place_counts as (
    select sub_icb_places.imd_vintage, 'place' as area_level, sub_icb_places.place_code as area_code, checks.period,
        sum(checks.all_six_checks) as numerator, sum(checks.smi_register) as denominator,
        count(*) as sub_icbs_reporting,
        any_value(expected.sub_icbs) as sub_icbs
    from sub_icb_places
    inner join nested_places on nested_places.imd_vintage = sub_icb_places.imd_vintage
        and nested_places.place_code = sub_icb_places.place_code
    inner join (select imd_vintage, place_code, count(*) as sub_icbs from sub_icb_places group by all) as expected
        on expected.imd_vintage = sub_icb_places.imd_vintage and expected.place_code = sub_icb_places.place_code
    inner join checks on checks.sicbl_code = sub_icb_places.sicbl_code
    group by sub_icb_places.imd_vintage, sub_icb_places.place_code, checks.period
),
unioned as (
    select cast(null as integer) as imd_vintage, * from sub_icb_counts
    union all by name
    select cast(null as integer) as imd_vintage, * from icb_counts
    union all by name
    select cast(null as integer) as imd_vintage, * from england_counts
    union all by name
    select * exclude (sub_icbs_reporting, sub_icbs) from place_counts where sub_icbs_reporting = sub_icbs
),
corrected_quarter as (
    -- NHS England revised Q1 2023-24 for the Lancashire and South Cumbria sub-ICBs (an extract error); which version
    -- this file holds is not known
    select distinct sicbl_code as area_code from stg_smi__health_checks where icb_code = 'E54000048'
    union select 'E54000048'
    union select distinct place_code from mart_lsoas where icb_code = 'E54000048'
)
select
    'smi_health_checks' as indicator_id, unioned.imd_vintage, unioned.area_level, unioned.area_code,
    case when unioned.area_code = 'E92000001' then 'England' end as area_name, unioned.period,
    100.0 * unioned.numerator / unioned.denominator as value, unioned.numerator, unioned.denominator,
    'persons' as sex, 'all ages (SMI register)' as age,
    case when unioned.period = '2023/24 Q1' and corrected_quarter.area_code is not null then
        'NHS England later revised Q1 2023-24 for Lancashire and South Cumbria sub-ICB locations (extract error); it '
        || 'is not known whether this is the revised or the original value: treat with caution'
    end as value_note,
    period_sort(unioned.period) as period_sort
from unioned
left join corrected_quarter on corrected_quarter.area_code = unioned.area_code;

----------- childhood vaccination coverage (UKHSA COVER)
insert into mart_indicator_values by name
with cover as (
    select * from stg_cover__vaccination where denominator > 0 and numerator is not null
),
authorities as (
    select indicator_id, cast(null as integer) as imd_vintage, 'utla' as area_level, utla_code as area_code,
        cast(null as varchar) as area_name, period, numerator, denominator
    from cover where utla_code is not null
),
england as (
    select indicator_id, cast(null as integer) as imd_vintage, 'england' as area_level, 'E92000001' as area_code,
        'England' as area_name, period, sum(numerator) as numerator, sum(denominator) as denominator
    from cover group by indicator_id, period
),
places as (
    -- a place that is exactly one upper-tier authority shows that authority's value under the place's code
    select authorities.indicator_id, mart_areas.imd_vintage, 'place' as area_level, mart_areas.area_code,
        mart_areas.area_name, authorities.period, authorities.numerator, authorities.denominator
    from authorities
    inner join mart_areas on mart_areas.level = 'place' and mart_areas.same_as_upper_tier_code = authorities.area_code
),
notes as (
    select distinct area_code, values_note as value_note from mart_utla_areas where values_note is not null
),
unioned as (
    select * from authorities
    union all by name
    select * from england
    union all by name
    select * from places
)
select
    unioned.*, 100.0 * unioned.numerator / unioned.denominator as value, 'persons' as sex,
    case unioned.indicator_id when 'vacc_dtap_ipv_hib_hepb_12m' then '12 months' when 'vacc_mmr1_24m' then '24 months'
        else '5 years' end as age,
    notes.value_note, period_sort(unioned.period) as period_sort
from unioned
left join notes on notes.area_code = unioned.area_code;

----------- CVDPREVENT: England by IMD quintile
create or replace table mart_cvdprevent_england_quintiles as
select indicator_code, indicator_name, period, quintile, numerator, denominator, value, lowercl, uppercl
from stg_cvdprevent__england_quintiles
order by indicator_code, quintile;
