-- purpose: every indicator value the app can show, in one long table: LSOA-based measures (deprivation, population,
--          Census 2021) aggregated from LSOAs to every level, and the published district/county/England series
--          (Fingertips, ONS Explore Local Statistics, ONS Health Index) and GP-practice QOF registers.
-- grain: one row per indicator x IMD vintage x area x period. imd_vintage is null for series that do not depend on
--        the LSOA geography (published district, county, practice and England values); those rows serve both vintages.
--        Each indicator has one sex and age breakdown (columns sex, age); see lsc_phm.indicators.
-- columns: value, numerator (count), denominator, lowercl/uppercl (95%), ci_source ('published' = limits as published;
--        'computed here' = Wilson limits added afterwards by lsc_phm.store.build from the counts), published_comparison
--        (the publisher's own verdict against England, where it gives one) and published_comparison_level (the
--        confidence level it was made at, 0.95 or 0.998), published_trend (Fingertips recent trend),
--        value_note (e.g. that a place shows another area's value as a proxy, and why).
-- parameters: none. Confidence intervals for count-based proportions are added afterwards by lsc_phm.build (Wilson).
-- notes: a place that is exactly one whole upper-tier authority (e.g. Lancashire county, Blackpool) also gets that
--        authority's published values, copied under the place's code; a place configured with a proxy authority
--        (cfg_place_proxies: South Cumbria -> Westmorland and Furness) gets the proxy's values with a value_note;
--        other places get none (shown as "no data"). MSOA 2011 rows exist for the IMD 2019 vintage only (2011 LSOAs
--        nest exactly in 2011 MSOAs; 2021 LSOAs do not), computed here from LSOA counts. Census 2021 health outcomes (IMD 2025 geography) and modelled
--        CKD/stroke prevalence (IMD 2019 geography, LSOA 2011) are aggregated from LSOAs to every level.
--        England by deprivation decile (Fingertips) goes to mart_indicator_england_deciles at the end of this file.
create or replace macro period_sort(p) as (
    case
        when regexp_matches(p, '^\d{4}$') then cast(p as double)
        when regexp_matches(p, '^mid-\d{4}$') then cast(right(p, 4) as double)
        when regexp_matches(p, '^\d{4} - \d{2}$') then cast(left(p, 2) || right(p, 2) as double)
        when regexp_matches(p, '^\d{4}[/-]\d{2}$') then cast(left(p, 2) || right(p, 2) as double)
        when regexp_matches(p, '^\d{4}/\d{2} - \d{2}/\d{2}$') then cast(left(p, 2) || right(p, 2) as double)
        when regexp_matches(p, '\d{4}/\d{2} Q\d$') then
            cast(left(regexp_extract(p, '(\d{4})/(\d{2}) Q(\d)$', 1), 2) || regexp_extract(p, '(\d{4})/(\d{2}) Q(\d)$', 2) as double)
            + cast(regexp_extract(p, 'Q(\d)$', 1) as double) / 10
        else null
    end
);

-- Fingertips indicator -> registry id, and the one sex/age breakdown shown (whole-area rows); used twice below
create or replace table map_fingertips_next_indicators as
select * from (values
        ('241', 'diabetes_qof_fingertips', 'persons', '17+ yrs'),
        ('247', 'dementia_qof_fingertips', 'persons', 'All ages'),
        ('93085', 'smoking_at_delivery', 'female', 'All ages'),
        ('94063', 'breast_screening_53_70', 'female', '53-70 yrs'),
        ('22401', 'falls_admissions_65plus', 'persons', '65+ yrs'),
        ('41101', 'emergency_readmissions_30d', 'persons', 'All ages'),
        ('93763', 'alcohol_related_mortality', 'persons', 'All ages'),
        ('93015', 'physically_inactive_adults', 'persons', '19+ yrs'),
        ('93088', 'adult_overweight', 'persons', '18+ yrs'),
        ('92026', 'reception_obesity_5yr', 'persons', '4-5 yrs'),
        ('92033', 'year6_obesity_5yr', 'persons', '10-11 yrs'),
        ('93701', 'children_absolute_low_income', 'persons', '<16 yrs'),
        ('20401', 'under18_conceptions', 'female', '<18 yrs'),
        ('92904', 'alcohol_admissions_under18', 'persons', '<18 yrs'),
        ('93474', 'deaths_in_hospital', 'persons', 'All ages')
    ) as t(fingertips_id, indicator_id, sex, age);

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
        {'level': 'msoa', 'area_code': msoa_code, 'area_name': msoa_name},
        {'level': 'district', 'area_code': lad_code, 'area_name': lad_name},
        {'level': 'place', 'area_code': place_code, 'area_name': place_name},
        {'level': 'sicbl', 'area_code': sicbl_code, 'area_name': sicbl_name},
        {'level': 'icb', 'area_code': icb_code, 'area_name': icb_name},
        {'level': 'england', 'area_code': 'E92000001', 'area_name': 'England'}
    ], recursive := true)) as member
    where member.area_code is not null  -- MSOA 2011 exists for 2011 LSOAs (IMD 2019 vintage) only
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
        cast(null as double) as lowercl, cast(null as double) as uppercl, published_comparison,
        published_comparison_level
    from stg_fingertips__values
),
ons_els as (
    select
        case series
            when 'hle' then 'hle_' || sex
            when 'cancer_stage' then 'cancer_stage_1_2'
            when 'preventable_cvd' then 'preventable_cvd_mortality'
            when 'cigarette_smokers' then 'cigarette_smokers_5yr'
            when 'cigarette_smokers_annual' then 'cigarette_smokers_annual'
            when 'adult_obesity' then 'adult_obesity'
            when 'reception_excess_weight' then 'reception_excess_weight'
            when 'year6_excess_weight' then 'year6_excess_weight'
        end as indicator_id,
        area_code, area_name, period, value, lowercl, uppercl, 'published' as ci_source
    from stg_ons_els__values
),
health_index as (
    select 'health_index_' || replace(replace(measure, '_domain_score', ''), '_score', '') as indicator_id,
        area_code, cast(null as varchar) as area_name, period, value,
        cast(null as double) as lowercl, cast(null as double) as uppercl
    from stg_ons_health_index__scores
),
fingertips_next_indicators as (
    select * from map_fingertips_next_indicators
),
fingertips_next as (
    select
        fingertips_next_indicators.indicator_id, values.area_code, cast(null as varchar) as area_name, values.period,
        values.area_level, values.value, values.lowercl, values.uppercl, values.numerator, values.denominator,
        values.sex, values.age, values.published_trend,
        case when values.lowercl is not null then 'published' end as ci_source
    from stg_fingertipsnext__values as values
    inner join fingertips_next_indicators
        on fingertips_next_indicators.fingertips_id = values.fingertips_id
        and fingertips_next_indicators.sex = values.sex and fingertips_next_indicators.age = values.age
    where values.category is null and values.area_level is not null
),
gp_smoking_published as (
    -- Fingertips 91547 (QOF-recorded smoking 15+): local authority and England rows as published
    select 'smoking_qof_15plus' as indicator_id, area_code, area_name, period, value, lowercl, uppercl, numerator,
        denominator, published_comparison, published_comparison_level, published_trend,
        case when lowercl is not null then 'published' end as ci_source
    from stg_fingertips__smoking_qof_15plus
    where area_level in ('district', 'utla', 'england') and category is null
),
published as (
    select * from fingertips
    union all by name
    select * from gp_smoking_published
    union all by name
    select * from ons_els
    union all by name
    select * from health_index
    union all by name
    select * exclude (area_level) from fingertips_next
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
        any_value(value) as value, any_value(lowercl) as lowercl, any_value(uppercl) as uppercl,
        any_value(numerator) as numerator, any_value(denominator) as denominator, any_value(sex) as sex,
        any_value(age) as age, any_value(published_comparison) as published_comparison,
        any_value(published_comparison_level) as published_comparison_level,
        any_value(published_trend) as published_trend, any_value(ci_source) as ci_source
    from published
    where area_code not like 'E54%' and area_code not like 'E38%' and length(area_code) = 9
        and (area_code like 'E0%' or area_code like 'E1%' or area_code like 'E92%')
    group by indicator_id, area_code, period
),
fingertips_next_nhs as (
    -- NHS geographies of the FingertipsNext rows (ICB, sub-ICB, PCN, practice), as published
    select indicator_id, area_code, area_name, period, area_level, value, lowercl, uppercl, numerator, denominator,
        sex, age, published_trend, ci_source
    from fingertips_next
    where area_level in ('icb', 'sicbl', 'pcn', 'practice')
),
places_as_upper_tier as (
    select imd_vintage, area_code as place_code, area_name as place_name, same_as_upper_tier_code
    from mart_areas where level = 'place' and same_as_upper_tier_code is not null
),
places_by_proxy as (
    select mart_areas.imd_vintage, mart_areas.area_code as place_code, mart_areas.area_name as place_name,
        cfg_place_proxies.proxy_code as same_as_upper_tier_code,
        'value for ' || cfg_place_proxies.proxy_name || ', shown as a proxy: ' || cfg_place_proxies.reason as value_note
    from mart_areas
    inner join cfg_place_proxies
        on cfg_place_proxies.place_code = mart_areas.area_code and cfg_place_proxies.icb_code = mart_areas.icb_code
    where mart_areas.level = 'place' and mart_areas.same_as_upper_tier_code is null
),
places_with_published_values as (
    select *, cast(null as varchar) as value_note from places_as_upper_tier
    union all by name
    select * from places_by_proxy
),
published_for_places as (
    select
        published_levelled.* exclude (area_level, area_code, area_name),
        places.imd_vintage, 'place' as area_level, places.place_code as area_code, places.place_name as area_name,
        places.value_note
    from published_levelled
    inner join places_with_published_values as places
        on places.same_as_upper_tier_code = published_levelled.area_code
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
----------- QOF-recorded smoking 15+ (Fingertips 91547) by GP practice, summed into complete PCNs, sub-ICBs and ICBs
----------- (computed here)
gp_smoking_practices as (
    select 'smoking_qof_15plus' as indicator_id, cast(null as integer) as imd_vintage, 'practice' as area_level,
        area_code, area_name, period, value, lowercl, uppercl, numerator, denominator, published_comparison,
        published_comparison_level, published_trend, case when lowercl is not null then 'published' end as ci_source
    from stg_fingertips__smoking_qof_15plus
    where area_level = 'practice'
),
gp_smoking_membership as (
    -- each practice's PCN in the nearest QOF year held (2022-23 for 2022/23; 2024-25 for 2023/24)
    select distinct case period when '2022-23' then '2022/23' else '2023/24' end as period, practice_code, pcn_code,
        pcn_name
    from stg_qof__prevalence
    where pcn_code is not null and period in ('2022-23', '2024-25')
        and pcn_code in (select pcn_code from stg_qof__prevalence
                         where practice_code in (select area_code from gp_smoking_practices))
),
gp_smoking_pcns as (
    -- a PCN gets a value only when every one of its practices has one (else its sum would be partial)
    select 'smoking_qof_15plus' as indicator_id, cast(null as integer) as imd_vintage, 'pcn' as area_level,
        membership.pcn_code as area_code, any_value(membership.pcn_name) as area_name, membership.period,
        100.0 * sum(practices.numerator) / sum(practices.denominator) as value,
        cast(null as double) as lowercl, cast(null as double) as uppercl,
        sum(practices.numerator) as numerator, sum(practices.denominator) as denominator,
        'computed here: OHID''s counts for ' || case count(*) when 1 then 'its one practice' else 'all ' || count(*)
            || ' practices summed' end || ' (current smokers over patients 15+ '
            || 'with a recorded status), Wilson interval; OHID publishes 91547 for practices, not for PCNs'
            as value_note
    from gp_smoking_membership as membership
    left join gp_smoking_practices as practices
        on practices.area_code = membership.practice_code and practices.period = membership.period
    group by membership.pcn_code, membership.period
    having count(practices.numerator) = count(*)
),
gp_smoking_nhs_membership as (
    -- each practice's sub-ICB and ICB in the nearest QOF year held (as for PCNs above)
    select distinct case period when '2022-23' then '2022/23' else '2023/24' end as period, practice_code, sicbl_code,
        icb_code
    from stg_qof__prevalence
    where period in ('2022-23', '2024-25')
        and icb_code in (select icb_code from stg_qof__prevalence
                         where practice_code in (select area_code from gp_smoking_practices))
),
gp_smoking_sicbls_icbs as (
    -- a sub-ICB or ICB gets a value only when every one of its practices has counts (else the sum would be partial)
    select 'smoking_qof_15plus' as indicator_id, cast(null as integer) as imd_vintage, nhs_area.area_level,
        nhs_area.area_code, cast(null as varchar) as area_name, membership.period,
        100.0 * sum(practices.numerator) / sum(practices.denominator) as value,
        cast(null as double) as lowercl, cast(null as double) as uppercl,
        sum(practices.numerator) as numerator, sum(practices.denominator) as denominator,
        'computed here: OHID''s counts for ' || case count(*) when 1 then 'its one practice' else 'all ' || count(*)
            || ' practices summed' end || ' (current smokers over patients 15+ '
            || 'with a recorded status), Wilson interval; OHID publishes 91547 for practices, not for this level'
            as value_note
    from gp_smoking_nhs_membership as membership,
    lateral (select unnest([
        {'area_level': 'sicbl', 'area_code': membership.sicbl_code},
        {'area_level': 'icb', 'area_code': membership.icb_code}
    ], recursive := true)) as nhs_area
    left join gp_smoking_practices as practices
        on practices.area_code = membership.practice_code and practices.period = membership.period
    where nhs_area.area_code is not null
    group by nhs_area.area_level, nhs_area.area_code, membership.period
    having count(practices.numerator) = count(*)
),
----------- Census 2021 health outcomes (LSOA 2021: IMD 2025 geography) and modelled CKD/stroke (LSOA 2011: IMD 2019)
census_health as (
    select memberships.imd_vintage, memberships.level, memberships.area_code, any_value(memberships.area_name) as area_name,
        sum(census.residents_bad_health) as residents_bad_health, sum(census.general_health_total) as general_health_total,
        sum(census.unpaid_carers) as unpaid_carers, sum(census.unpaid_carers_50_hours) as unpaid_carers_50_hours,
        sum(census.unpaid_care_total) as unpaid_care_total,
        sum(census.households_deprived_1plus) as households_deprived_1plus,
        sum(census.households_deprived_2plus) as households_deprived_2plus,
        sum(census.households_total) as households_total
    from memberships
    inner join stg_census2021__health as census on census.lsoa_code = memberships.lsoa_code
    where memberships.imd_vintage = 2025
    group by memberships.imd_vintage, memberships.level, memberships.area_code
),
census_health_values as (
    select census_measure.indicator_id, imd_vintage, level as area_level, area_code, area_name, '2021' as period,
        100.0 * census_measure.numerator / census_measure.denominator as value,
        census_measure.numerator, census_measure.denominator
    from census_health,
    lateral (select unnest([
        {'indicator_id': 'census_bad_health', 'numerator': residents_bad_health, 'denominator': general_health_total},
        {'indicator_id': 'census_unpaid_care', 'numerator': unpaid_carers, 'denominator': unpaid_care_total},
        {'indicator_id': 'census_unpaid_care_50h', 'numerator': unpaid_carers_50_hours, 'denominator': unpaid_care_total},
        {'indicator_id': 'census_household_deprived', 'numerator': households_deprived_1plus, 'denominator': households_total},
        {'indicator_id': 'census_household_deprived_2plus', 'numerator': households_deprived_2plus,
         'denominator': households_total}
    ], recursive := true)) as census_measure
    where census_measure.denominator > 0
),
modelled_values as (
    -- population-weighted (ONS mid-2020 residents) mean of the LSOAs' modelled prevalence
    select modelled.indicator_id, memberships.imd_vintage, memberships.level as area_level, memberships.area_code,
        any_value(memberships.area_name) as area_name, modelled.period,
        sum(memberships.residents * modelled.value) / sum(memberships.residents) as value
    from memberships
    inner join stg_modelled_qof__lsoa11 as modelled on modelled.lsoa_code = memberships.lsoa_code
    where memberships.imd_vintage = 2019 and memberships.residents > 0
    group by modelled.indicator_id, memberships.imd_vintage, memberships.level, memberships.area_code, modelled.period
),
----------- everything together
unioned as (
    select indicator_id, imd_vintage, area_level, area_code, area_name, period, value,
        cast(null as double) as lowercl, cast(null as double) as uppercl, numerator, denominator
    from lsoa_based
    union all by name
    select *, cast(null as integer) as imd_vintage from published_levelled
    union all by name
    select * from published_for_places
    union all by name
    select *, cast(null as integer) as imd_vintage from fingertips_next_nhs
    union all by name
    select * from qof_values
    union all by name
    select * from census_health_values
    union all by name
    select * from modelled_values
    union all by name
    select * from gp_smoking_practices
    union all by name
    select * from gp_smoking_pcns
    union all by name
    select * from gp_smoking_sicbls_icbs
)
select
    indicator_id, imd_vintage, area_level, area_code, area_name, period, value, lowercl, uppercl, numerator, denominator,
    sex, age, ci_source, published_comparison, published_comparison_level, published_trend, value_note,
    period_sort(period) as period_sort
from unioned
where value is not null and indicator_id is not null;

-- purpose: England by deprivation decile for the Fingertips indicators that publish it (county/UA and district deciles,
--          IMD 2019), so national gradients can be drawn beside local ones.
-- grain: one row per indicator x period x decile category type x decile.
create or replace table mart_indicator_england_deciles as
select
    fingertips_next_indicators.indicator_id, values.period, values.category_type, values.category,
    case regexp_replace(values.category, ' \(IMD\d+\)$', '')
        when 'Most deprived decile' then 1 when 'Second most deprived decile' then 2
        when 'Third more deprived decile' then 3 when 'Fourth more deprived decile' then 4
        when 'Fifth more deprived decile' then 5 when 'Fifth less deprived decile' then 6
        when 'Fourth less deprived decile' then 7 when 'Third less deprived decile' then 8
        when 'Second least deprived decile' then 9 when 'Least deprived decile' then 10
    end as decile,
    values.value, values.lowercl, values.uppercl, values.numerator, values.denominator,
    period_sort(values.period) as period_sort
from stg_fingertipsnext__values as values
inner join map_fingertips_next_indicators as fingertips_next_indicators
    on fingertips_next_indicators.fingertips_id = values.fingertips_id
    and fingertips_next_indicators.sex = values.sex and fingertips_next_indicators.age = values.age
where values.area_code = 'E92000001' and values.category_type ilike '%deprivation deciles in England%'
union all by name
-- Fingertips 91547 (QOF-recorded smoking 15+): England by deprivation decile, as published
select
    'smoking_qof_15plus' as indicator_id, period, category_type, category,
    case regexp_replace(category, ' \(IMD\d+\)$', '')
        when 'Most deprived decile' then 1 when 'Second most deprived decile' then 2
        when 'Third more deprived decile' then 3 when 'Fourth more deprived decile' then 4
        when 'Fifth more deprived decile' then 5 when 'Fifth less deprived decile' then 6
        when 'Fourth less deprived decile' then 7 when 'Third less deprived decile' then 8
        when 'Second least deprived decile' then 9 when 'Least deprived decile' then 10
    end as decile,
    value, lowercl, uppercl, numerator, denominator, period_sort(period) as period_sort
from stg_fingertips__smoking_qof_15plus
where area_code = 'E92000001' and category_type ilike '%deprivation deciles in England%'
