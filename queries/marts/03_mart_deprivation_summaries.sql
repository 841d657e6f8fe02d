-- purpose: MHCLG File 10-style deprivation summaries for districts, wards, places, sub-ICBs and ICBs, both vintages.
-- grain: one row per IMD vintage x level x area. Districts, wards, sub-ICBs and ICBs cover all of England and are
--        ranked among all areas of their level; places are defined per ICB and ranked among that ICB's places.
-- parameters: none.
-- definitions (File 10): average score = population-weighted mean of LSOA IMD scores; average rank = population-
--        weighted mean of LSOA ranks counted so that the most deprived LSOA has the highest rank (N + 1 - rank);
--        rank 1 = most deprived on every measure; proportion of LSOAs in the most deprived 10% nationally;
--        Core20 population share = share of the population living in LSOAs in national deciles 1-2.
--        IMD 2019 uses the IoD2019 mid-2015 denominators. IMD 2025 districts and ICBs take average score, average rank,
--        their ranks and the decile-1 proportion from the published File 10 / File 13; their population, LSOA count
--        and Core20 share, and every ward, place and sub-ICB figure, use Census 2021 usual residents.
create or replace table mart_deprivation_summaries as
with lsoas as (
    select
        *,
        count(*) over (partition by imd_vintage) + 1 - imd_rank as imd_rank_most_deprived_highest
    from mart_lsoas
),
memberships as (
    -- each LSOA counts once in its district, ward, sub-ICB and ICB (national) and in its ICB's place
    select lsoas.*, member.level, member.icb_scope, member.area_code, member.area_name
    from lsoas,
    lateral (select unnest([
        {'level': 'district', 'icb_scope': null, 'area_code': lad_code, 'area_name': lad_name},
        {'level': 'ward', 'icb_scope': null, 'area_code': ward_code, 'area_name': ward_name},
        {'level': 'sicbl', 'icb_scope': null, 'area_code': sicbl_code, 'area_name': sicbl_name},
        {'level': 'icb', 'icb_scope': icb_code, 'area_code': icb_code, 'area_name': icb_name},
        {'level': 'place', 'icb_scope': icb_code, 'area_code': place_code, 'area_name': place_name}
    ], recursive := true)) as member
),
measures as (
    select
        imd_vintage, level, icb_scope as icb_code, area_code,
        any_value(area_name) as area_name,
        count(*) as lsoas,
        sum(deprivation_population) as population,
        sum(deprivation_population * imd_score) / sum(deprivation_population) as avg_score,
        sum(deprivation_population * imd_rank_most_deprived_highest) / sum(deprivation_population) as avg_rank,
        avg(case when imd_decile = 1 then 1.0 else 0.0 end) as proportion_most_deprived_10,
        sum(case when is_core20 then deprivation_population else 0 end) as core20_population,
        any_value(deprivation_population_source) as population_source
    from memberships
    group by imd_vintage, level, icb_scope, area_code
),
published as (
    select * from stg_imd__published_summaries where imd_vintage = 2025
),
with_published as (
    select
        measures.imd_vintage, measures.level, measures.icb_code, measures.area_code,
        coalesce(measures.area_name, published.area_name) as area_name,
        measures.lsoas, measures.population,
        coalesce(published.avg_score, measures.avg_score) as avg_score,
        coalesce(published.avg_rank, measures.avg_rank) as avg_rank,
        coalesce(published.proportion_most_deprived_10, measures.proportion_most_deprived_10) as proportion_most_deprived_10,
        published.avg_score_rank as published_avg_score_rank,
        published.avg_rank_rank as published_avg_rank_rank,
        measures.core20_population,
        measures.population_source,
        case when published.area_code is not null
             then 'IoD2025 ' || case measures.level when 'icb' then 'File 13' else 'File 10' end || ' (published)'
             else 'computed from LSOAs' end as summary_source
    from measures
    left join published
        on published.imd_vintage = measures.imd_vintage
        and published.level = case measures.level when 'district' then 'lad' else measures.level end
        and published.area_code = measures.area_code
),
ranked as (
    select
        *,
        coalesce(published_avg_score_rank, rank() over (
            partition by imd_vintage, level, case when level = 'place' then icb_code end order by avg_score desc))
            as avg_score_rank,
        coalesce(published_avg_rank_rank, rank() over (
            partition by imd_vintage, level, case when level = 'place' then icb_code end order by avg_rank desc))
            as avg_rank_rank,
        count(*) over (partition by imd_vintage, level, case when level = 'place' then icb_code end) as areas_ranked,
        100.0 * proportion_most_deprived_10 as pct_lsoas_most_deprived_10,
        100.0 * core20_population / population as core20_population_share
    from with_published
)
select * exclude (published_avg_score_rank, published_avg_rank_rank) from ranked
