-- purpose: custom footprints (config/areas.toml: Pennine Lancashire, Fylde Coast, ...) as a level like any other:
--          their LSOAs in each IMD vintage, then footprint rows added to mart_areas, mart_area_lsoas,
--          mart_deprivation_summaries (File 10 definitions, ranked among the ICB's footprints) and mart_indicator_values
--          (additive measures only: counts and denominators summed over the footprint's LSOAs, and the File 10-style
--          average score; QOF registers for footprints made of whole sub-ICB locations; measures that are not
--          additive are shown per member by the views).
-- grain: mart_footprint_lsoas: one row per IMD vintage x ICB x footprint x LSOA. Added rows: one per footprint at the
--        grain of each mart.
-- parameters: none (reads cfg_footprint_members, written by the build from config/areas.toml).
-- notes: a member is a district, place, ward or LSOA code; a footprint's LSOAs are its ICB's LSOAs inside any member.
--        Runs after every other mart (file name 90_).
create or replace table mart_footprint_lsoas as
with members as (
    select * from cfg_footprint_members
),
lsoas as (
    select * from mart_lsoas
)
select distinct
    lsoas.imd_vintage,
    lsoas.icb_code,
    members.footprint_code,
    members.footprint_name,
    members.description,
    lsoas.lsoa_code
from members
inner join lsoas
    on lsoas.icb_code = members.icb_code
    and members.member_code = case members.member_level
        when 'district' then lsoas.lad_code
        when 'place' then lsoas.place_code
        when 'ward' then lsoas.ward_code
        when 'lsoa' then lsoas.lsoa_code
    end;

----------- areas: footprints are listed with their LSOA count
insert into mart_areas by name
select
    imd_vintage, icb_code, 'footprint' as level, footprint_code as area_code, any_value(footprint_name) as area_name,
    count(*) as lsoas, true as whole_area_in_icb
from mart_footprint_lsoas
group by imd_vintage, icb_code, footprint_code;

insert into mart_area_lsoas by name
select imd_vintage, icb_code, 'footprint' as level, footprint_code as area_code, lsoa_code
from mart_footprint_lsoas;

----------- deprivation summaries (File 10 definitions, as in 03_mart_deprivation_summaries.sql)
insert into mart_deprivation_summaries by name
with lsoas as (
    select
        *,
        count(*) over (partition by imd_vintage) + 1 - imd_rank as imd_rank_most_deprived_highest
    from mart_lsoas
),
members as (
    select footprints.icb_code, footprints.footprint_code, footprints.footprint_name, lsoas.* exclude (icb_code)
    from mart_footprint_lsoas as footprints
    inner join lsoas on lsoas.imd_vintage = footprints.imd_vintage and lsoas.lsoa_code = footprints.lsoa_code
),
measures as (
    select
        imd_vintage, 'footprint' as level, icb_code, footprint_code as area_code,
        any_value(footprint_name) as area_name,
        count(*) as lsoas,
        sum(deprivation_population) as population,
        sum(deprivation_population * imd_score) / sum(deprivation_population) as avg_score,
        sum(deprivation_population * imd_rank_most_deprived_highest) / sum(deprivation_population) as avg_rank,
        avg(case when imd_decile = 1 then 1.0 else 0.0 end) as proportion_most_deprived_10,
        sum(case when is_core20 then deprivation_population else 0 end) as core20_population,
        any_value(deprivation_population_source) as population_source,
        'computed from LSOAs (custom footprint)' as summary_source
    from members
    group by imd_vintage, icb_code, footprint_code
)
select
    *,
    rank() over (partition by imd_vintage, icb_code order by avg_score desc) as avg_score_rank,
    rank() over (partition by imd_vintage, icb_code order by avg_rank desc) as avg_rank_rank,
    count(*) over (partition by imd_vintage, icb_code) as areas_ranked,
    100.0 * proportion_most_deprived_10 as pct_lsoas_most_deprived_10,
    100.0 * core20_population / population as core20_population_share
from measures;

----------- indicator values: additive LSOA measures summed; File 10-style summary measures
insert into mart_indicator_values by name
with footprint_lsoas as (
    select * from mart_footprint_lsoas
),
lsoa_values as (
    select * from mart_indicator_values where area_level = 'lsoa'
),
summed as (
    -- counts with a denominator (proportions) and plain counts (population): additive over LSOAs
    select
        lsoa_values.indicator_id, lsoa_values.imd_vintage, 'footprint' as area_level,
        footprint_lsoas.footprint_code as area_code, any_value(footprint_lsoas.footprint_name) as area_name,
        lsoa_values.period,
        case when lsoa_values.indicator_id = 'population' then sum(lsoa_values.value)
             else 100.0 * sum(lsoa_values.numerator) / sum(lsoa_values.denominator) end as value,
        sum(lsoa_values.numerator) as numerator,
        sum(lsoa_values.denominator) as denominator,
        any_value(lsoa_values.period_sort) as period_sort
    from footprint_lsoas
    inner join lsoa_values
        on lsoa_values.imd_vintage = footprint_lsoas.imd_vintage
        and lsoa_values.area_code = footprint_lsoas.lsoa_code
    where lsoa_values.indicator_id = 'population'
        or (lsoa_values.numerator is not null and lsoa_values.denominator > 0)
    group by lsoa_values.indicator_id, lsoa_values.imd_vintage, footprint_lsoas.footprint_code, lsoa_values.period
    having count(*) = count(lsoa_values.value)
),
summaries as (
    select * from mart_deprivation_summaries where level = 'footprint'
)
select * exclude (numerator, denominator),
    case when indicator_id = 'population' then null else numerator end as numerator,
    case when indicator_id = 'population' then null else denominator end as denominator
from summed
union all by name
select 'imd_score' as indicator_id, imd_vintage, 'footprint' as area_level, area_code, area_name,
    cast(imd_vintage as varchar) as period, avg_score as value, cast(imd_vintage as double) as period_sort
from summaries
union all by name
select 'core20_population_share' as indicator_id, imd_vintage, 'footprint' as area_level, area_code, area_name,
    cast(imd_vintage as varchar) as period, core20_population_share as value, cast(imd_vintage as double) as period_sort,
    cast(core20_population as double) as numerator, cast(population as double) as denominator
from summaries
union all by name
select 'pct_lsoas_most_deprived_10' as indicator_id, imd_vintage, 'footprint' as area_level, area_code, area_name,
    cast(imd_vintage as varchar) as period, pct_lsoas_most_deprived_10 as value, cast(imd_vintage as double) as period_sort
from summaries;

----------- QOF registers for footprints made of whole sub-ICB locations (registers and list sizes are additive)
insert into mart_indicator_values by name
with footprint_sicbls as (
    select footprints.imd_vintage, footprints.footprint_code, any_value(footprints.footprint_name) as footprint_name,
        lsoas.sicbl_code, count(*) as lsoas
    from mart_footprint_lsoas as footprints
    inner join mart_lsoas as lsoas
        on lsoas.imd_vintage = footprints.imd_vintage and lsoas.lsoa_code = footprints.lsoa_code
    group by footprints.imd_vintage, footprints.footprint_code, lsoas.sicbl_code
),
sicbl_sizes as (
    select imd_vintage, sicbl_code, count(*) as lsoas from mart_lsoas group by imd_vintage, sicbl_code
),
whole_sicbl_footprints as (
    -- footprints whose LSOAs are exactly the LSOAs of some sub-ICB locations (e.g. Pennine Lancashire = 00Q + 01A)
    select footprint_sicbls.imd_vintage, footprint_sicbls.footprint_code
    from footprint_sicbls
    inner join sicbl_sizes
        on sicbl_sizes.imd_vintage = footprint_sicbls.imd_vintage
        and sicbl_sizes.sicbl_code = footprint_sicbls.sicbl_code
    group by footprint_sicbls.imd_vintage, footprint_sicbls.footprint_code
    having bool_and(footprint_sicbls.lsoas = sicbl_sizes.lsoas)
),
qof as (
    select * from mart_indicator_values where area_level = 'sicbl' and indicator_id like 'qof\_%' escape '\'
)
select
    qof.indicator_id,
    footprint_sicbls.imd_vintage,
    'footprint' as area_level,
    footprint_sicbls.footprint_code as area_code,
    any_value(footprint_sicbls.footprint_name) as area_name,
    qof.period,
    100.0 * sum(qof.numerator) / sum(qof.denominator) as value,
    sum(qof.numerator) as numerator,
    sum(qof.denominator) as denominator,
    any_value(qof.period_sort) as period_sort
from whole_sicbl_footprints
inner join footprint_sicbls
    on footprint_sicbls.imd_vintage = whole_sicbl_footprints.imd_vintage
    and footprint_sicbls.footprint_code = whole_sicbl_footprints.footprint_code
inner join qof on qof.area_code = footprint_sicbls.sicbl_code
group by qof.indicator_id, footprint_sicbls.imd_vintage, footprint_sicbls.footprint_code, qof.period;
