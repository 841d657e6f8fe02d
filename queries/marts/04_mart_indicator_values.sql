-- purpose: every indicator value the app can show, in one long table: LSOA-based measures (deprivation, population,
--          Census 2021) aggregated from LSOAs to every level, and the published district/county/England series
--          (Fingertips, ONS Explore Local Statistics, ONS Health Index) and GP-practice QOF registers.
-- grain: one row per indicator x IMD vintage x area x period. imd_vintage is null for series that do not depend on
--        the LSOA geography (published district, county, practice and England values); those rows serve both vintages.
-- parameters: none. Confidence intervals for count-based proportions are added afterwards by lsc_phm.build (Wilson).
-- notes: a place that is exactly one whole upper-tier authority (e.g. Lancashire county, Blackpool) also gets that
--        authority's published values, copied under the place's code; other places get none (shown as "no data").
create or replace macro period_sort(p) as (
    case
        when regexp_matches(p, '^\d{4}$') then cast(p as double)
        when regexp_matches(p, '^mid-\d{4}$') then cast(right(p, 4) as double)
        when regexp_matches(p, '^\d{4} - \d{2}$') then cast(left(p, 2) || right(p, 2) as double)
        when regexp_matches(p, '^\d{4}[/-]\d{2}$') then cast(left(p, 2) || right(p, 2) as double)
        when regexp_matches(p, '\d{4}/\d{2} Q\d$') then
            cast(left(regexp_extract(p, '(\d{4})/(\d{2}) Q(\d)$', 1), 2) || regexp_extract(p, '(\d{4})/(\d{2}) Q(\d)$', 2) as double)
            + cast(regexp_extract(p, 'Q(\d)$', 1) as double) / 10
        else null
    end
);

create or replace table mart_indicator_values as
with lsoas as (
    select * from mart_lsoas
),
----------- LSOA-based measures, aggregated over every level an LSOA belongs to
memberships as (
    select imd_vintage, member.level, member.area_code, member.area_name, lsoas.* exclude (imd_vintage)
    from lsoas,
    lateral (select unnest([
        {'level': 'lsoa', 'area_code': lsoa_code, 'area_name': lsoa_name},
        {'level': 'ward', 'area_code': ward_code, 'area_name': ward_name},
        {'level': 'district', 'area_code': lad_code, 'area_name': lad_name},
        {'level': 'place', 'area_code': place_code, 'area_name': place_name},
        {'level': 'sicbl', 'area_code': sicbl_code, 'area_name': sicbl_name},
        {'level': 'icb', 'area_code': icb_code, 'area_name': icb_name},
        {'level': 'england', 'area_code': 'E92000001', 'area_name': 'England'}
    ], recursive := true)) as member
),
aggregated as (
    select
        imd_vintage, level, area_code, any_value(area_name) as area_name,
        count(*) as lsoas,
        sum(deprivation_population) as deprivation_population,
        sum(deprivation_population * imd_score) / sum(deprivation_population) as imd_score,
        sum(deprivation_population * income_score) / sum(deprivation_population) as income_score,
        any_value(employment_score) as employment_score,
        any_value(imd_decile) as imd_decile,
        any_value(income_decile) as income_decile,
        any_value(employment_decile) as employment_decile,
        any_value(education_decile) as education_decile,
        any_value(health_decile) as health_decile,
        any_value(crime_decile) as crime_decile,
        any_value(barriers_decile) as barriers_decile,
        any_value(living_env_decile) as living_env_decile,
        sum(case when is_core20 then deprivation_population else 0 end) as core20_population,
        sum(residents) as residents,
        sum(residents_0_15) as residents_0_15,
        sum(residents_65_plus) as residents_65_plus,
        sum(residents_ethnic_minority) as residents_ethnic_minority,
        sum(ethnicity_total) as ethnicity_total,
        sum(residents_disabled) as residents_disabled,
        sum(disability_total) as disability_total
    from memberships
    group by imd_vintage, level, area_code
),
summaries as (
    select * from mart_deprivation_summaries
),
lsoa_based as (
    -- IMD score: the LSOA's score, or the File 10-style population-weighted average score
    select 'imd_score' as indicator_id, aggregated.imd_vintage, aggregated.level as area_level, aggregated.area_code,
        aggregated.area_name, cast(aggregated.imd_vintage as varchar) as period,
        coalesce(summaries.avg_score, aggregated.imd_score) as value,
        cast(null as double) as numerator, cast(null as double) as denominator
    from aggregated
    left join summaries on summaries.imd_vintage = aggregated.imd_vintage and summaries.level = aggregated.level
        and summaries.area_code = aggregated.area_code
    union all
    select 'core20_population_share', imd_vintage, level, area_code, area_name, cast(imd_vintage as varchar),
        100.0 * core20_population / deprivation_population, core20_population, deprivation_population
    from aggregated where level <> 'lsoa'
    union all
    select 'pct_lsoas_most_deprived_10', aggregated.imd_vintage, aggregated.level, aggregated.area_code,
        aggregated.area_name, cast(aggregated.imd_vintage as varchar), summaries.pct_lsoas_most_deprived_10, null, null
    from aggregated
    inner join summaries on summaries.imd_vintage = aggregated.imd_vintage and summaries.level = aggregated.level
        and summaries.area_code = aggregated.area_code
    union all
    select 'income_deprivation_rate', imd_vintage, level, area_code, area_name, cast(imd_vintage as varchar),
        100.0 * income_score, null, null
    from aggregated
    union all
    select 'employment_deprivation_rate', imd_vintage, level, area_code, area_name, cast(imd_vintage as varchar),
        100.0 * employment_score, null, null
    from aggregated where level = 'lsoa'
    union all
    -- LSOA-only measures: the IMD decile and the domain deciles (national, 1 = most deprived 10%)
    select lsoa_measure.indicator_id, imd_vintage, level, area_code, area_name, cast(imd_vintage as varchar),
        lsoa_measure.value, null, null
    from aggregated,
    lateral (select unnest([
        {'indicator_id': 'imd_decile', 'value': imd_decile},
        {'indicator_id': 'health_deprivation_decile', 'value': health_decile},
        {'indicator_id': 'education_deprivation_decile', 'value': education_decile},
        {'indicator_id': 'barriers_deprivation_decile', 'value': barriers_decile},
        {'indicator_id': 'living_environment_deprivation_decile', 'value': living_env_decile},
        {'indicator_id': 'crime_deprivation_decile', 'value': crime_decile}
    ], recursive := true)) as lsoa_measure
    where level = 'lsoa'
    union all
    select 'population', imd_vintage, level, area_code, area_name,
        case imd_vintage when 2019 then 'mid-2020' else '2021' end, residents, null, null
    from aggregated where residents is not null
    union all
    select 'pct_aged_65_plus', imd_vintage, level, area_code, area_name,
        case imd_vintage when 2019 then 'mid-2020' else '2021' end,
        100.0 * residents_65_plus / residents, residents_65_plus, residents
    from aggregated where residents > 0
    union all
    select 'pct_aged_0_15', imd_vintage, level, area_code, area_name,
        case imd_vintage when 2019 then 'mid-2020' else '2021' end,
        100.0 * residents_0_15 / residents, residents_0_15, residents
    from aggregated where residents > 0
    union all
    select 'pct_ethnic_minority', imd_vintage, level, area_code, area_name, '2021',
        100.0 * residents_ethnic_minority / ethnicity_total, residents_ethnic_minority, ethnicity_total
    from aggregated where ethnicity_total > 0
    union all
    select 'pct_disabled', imd_vintage, level, area_code, area_name, '2021',
        100.0 * residents_disabled / disability_total, residents_disabled, disability_total
    from aggregated where disability_total > 0
),
----------- published series at district / county / England level (no LSOA geography, so imd_vintage is null)
fingertips as (
    select
        case fingertips_id
            when '90366' then 'le_' || sex
            when '92901' then 'sii_le_' || sex
            when '92443' then 'smoking_adults'
            when '92445' then 'smoking_routine_manual'
            when '93563' then 'dental_decay_5yo'
            when '91112' then 'health_checks_received'
            when '848' then 'depression_prevalence_fingertips'
        end as indicator_id,
        area_code, area_name, period, value,
        cast(null as double) as lowercl, cast(null as double) as uppercl
    from stg_fingertips__values
),
ons_els as (
    select
        case series
            when 'hle' then 'hle_' || sex
            when 'cancer_stage' then 'cancer_stage_1_2'
            when 'preventable_cvd' then 'preventable_cvd_mortality'
            when 'cigarette_smokers' then 'cigarette_smokers_5yr'
        end as indicator_id,
        area_code, area_name, period, value, lowercl, uppercl
    from stg_ons_els__values
),
health_index as (
    select 'health_index_' || replace(replace(measure, '_domain_score', ''), '_score', '') as indicator_id,
        area_code, cast(null as varchar) as area_name, period, value,
        cast(null as double) as lowercl, cast(null as double) as uppercl
    from stg_ons_health_index__scores
),
published as (
    select * from fingertips
    union all by name
    select * from ons_els
    union all by name
    select * from health_index
),
published_levelled as (
    -- one row per indicator x area x period: a unitary authority appears in both district and county lists upstream
    select
        indicator_id, area_code, any_value(area_name) as area_name, period,
        case
            when area_code like 'E92%' then 'england'
            when area_code like 'E12%' then 'region'
            when area_code like 'E10%' or area_code like 'E11%' then 'utla'
            else 'district'
        end as area_level,
        any_value(value) as value, any_value(lowercl) as lowercl, any_value(uppercl) as uppercl
    from published
    group by indicator_id, area_code, period
),
places_as_upper_tier as (
    select imd_vintage, area_code as place_code, area_name as place_name, same_as_upper_tier_code
    from mart_areas where level = 'place' and same_as_upper_tier_code is not null
),
published_for_places as (
    select
        published_levelled.indicator_id, places_as_upper_tier.imd_vintage, 'place' as area_level,
        places_as_upper_tier.place_code as area_code, places_as_upper_tier.place_name as area_name,
        published_levelled.period, published_levelled.value, published_levelled.lowercl, published_levelled.uppercl
    from published_levelled
    inner join places_as_upper_tier on places_as_upper_tier.same_as_upper_tier_code = published_levelled.area_code
),
----------- QOF registers: practice, PCN, sub-ICB, ICB and England
qof as (
    select * from stg_qof__prevalence
),
qof_levels as (
    select period, group_code, 'practice' as area_level, practice_code as area_code, any_value(practice_name) as area_name,
        sum(register) as numerator, sum(list_size) as denominator
    from qof group by all
    union all
    select period, group_code, 'pcn', pcn_code, any_value(pcn_name), sum(register), sum(list_size)
    from qof where pcn_code is not null group by period, group_code, pcn_code
    union all
    select period, group_code, 'sicbl', sicbl_code, null, sum(register), sum(list_size)
    from qof where sicbl_code is not null group by period, group_code, sicbl_code
    union all
    select period, group_code, 'icb', icb_code, null, sum(register), sum(list_size)
    from qof where icb_code is not null group by period, group_code, icb_code
    union all
    select period, group_code, 'england', 'E92000001', 'England', sum(register), sum(list_size)
    from qof group by period, group_code
),
qof_values as (
    select 'qof_' || lower(group_code) as indicator_id, cast(null as integer) as imd_vintage, area_level, area_code,
        area_name, period, 100.0 * numerator / denominator as value,
        cast(null as double) as lowercl, cast(null as double) as uppercl, numerator, denominator
    from qof_levels
),
----------- everything together
unioned as (
    select indicator_id, imd_vintage, area_level, area_code, area_name, period, value,
        cast(null as double) as lowercl, cast(null as double) as uppercl, numerator, denominator
    from lsoa_based
    union all
    select indicator_id, cast(null as integer), area_level, area_code, area_name, period, value, lowercl, uppercl,
        cast(null as double), cast(null as double)
    from published_levelled
    union all
    select indicator_id, imd_vintage, area_level, area_code, area_name, period, value, lowercl, uppercl,
        cast(null as double), cast(null as double)
    from published_for_places
    union all
    select * from qof_values
)
select *, period_sort(period) as period_sort
from unioned
where value is not null and indicator_id is not null
