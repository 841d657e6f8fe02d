-- purpose: the open-data profile of every English local authority at both tiers, for nearest statistical neighbours
--          and OHID-style deprivation-decile peer groups (docs/methods.md#nearest-statistical-neighbours).
-- grain: one row per tier x authority: 'district' = the 296 lower-tier districts and unitary authorities (April 2024
--        codes, as in IoD2025), 'county' = the 153 upper-tier counties and unitary authorities.
-- parameters: none.
-- sources: stg_imd2025__domain_scores (IoD2025 LSOA domain scores), mart_lsoas (IMD 2025 vintage: Census 2021
--          residents, age, ethnicity, disability; LSOA -> district -> county), stg_imd2019__lsoas (IoD2019 scores and
--          mid-2015 denominators), stg_geography__lsoa11_to_lsoa21 (LSOA 2011 -> 2021), stg_geography__lad21_areas.
-- Averages of LSOA scores are weighted by population, as IoD File 10 "average score" is: IoD2025 domains by Census
-- 2021 residents, the IoD2019 score by the IoD2019 mid-2015 denominators. A 2011 LSOA or a 2021 district whose
-- 2021 LSOAs fall in two authorities is given wholly to the authority holding most of them (lowest code on a tie).
create or replace table mart_authority_profiles as
with lsoas as (
    select
        lsoas.lsoa_code, lsoas.lad_code, lsoas.lad_name, lsoas.utla_code, lsoas.utla_name,
        lsoas.residents, lsoas.residents_0_15, lsoas.residents_65_plus,
        lsoas.residents_ethnic_minority, lsoas.ethnicity_total, lsoas.residents_disabled, lsoas.disability_total,
        scores.income_score, scores.employment_score, scores.education_score, scores.health_score,
        scores.crime_score, scores.barriers_score, scores.living_env_score
    from mart_lsoas as lsoas
    inner join stg_imd2025__domain_scores as scores on scores.lsoa_code = lsoas.lsoa_code
    where lsoas.imd_vintage = 2025 and lsoas.lsoa_code like 'E%'
),
tiers as (
    select 'district' as tier, lad_code as area_code, lad_name as area_name,
        * exclude (lad_code, lad_name, utla_code, utla_name)
    from lsoas
    union all by name
    select 'county' as tier, utla_code as area_code, utla_name as area_name,
        * exclude (lad_code, lad_name, utla_code, utla_name)
    from lsoas
),
profiles as (
    select
        tier, area_code, any_value(area_name) as area_name,
        sum(residents) as residents,
        sum(income_score * residents) / sum(residents) as income_score,
        sum(employment_score * residents) / sum(residents) as employment_score,
        sum(education_score * residents) / sum(residents) as education_score,
        sum(health_score * residents) / sum(residents) as health_score,
        sum(crime_score * residents) / sum(residents) as crime_score,
        sum(barriers_score * residents) / sum(residents) as barriers_score,
        sum(living_env_score * residents) / sum(residents) as living_env_score,
        100.0 * sum(residents_0_15) / sum(residents) as pct_aged_0_15,
        100.0 * sum(residents_65_plus) / sum(residents) as pct_aged_65_plus,
        100.0 * sum(residents_ethnic_minority) / sum(ethnicity_total) as pct_ethnic_minority,
        100.0 * sum(residents_disabled) / sum(disability_total) as pct_disabled
    from tiers
    group by tier, area_code
),
---------- land area: December 2021 districts -> 2024 districts -> counties
lad21_votes as (
    select lookup.lad22_code as lad21_code, lsoas.lad_code, lsoas.utla_code, count(distinct lsoas.lsoa_code) as lsoas
    from stg_geography__lsoa11_to_lsoa21 as lookup
    inner join lsoas on lsoas.lsoa_code = lookup.lsoa21_code
    group by all
),
lad21_home as (
    select lad21_code, arg_max(lad_code, lsoas * 1e6 - rank_code) as lad_code,
        arg_max(utla_code, lsoas * 1e6 - rank_code) as utla_code
    from (select *, dense_rank() over (order by lad_code) as rank_code from lad21_votes)
    group by lad21_code
),
areas as (
    select 'district' as tier, home.lad_code as area_code, sum(areas.area_km2) as area_km2
    from lad21_home as home inner join stg_geography__lad21_areas as areas on areas.lad21_code = home.lad21_code
    group by all
    union all
    select 'county' as tier, home.utla_code as area_code, sum(areas.area_km2) as area_km2
    from lad21_home as home inner join stg_geography__lad21_areas as areas on areas.lad21_code = home.lad21_code
    group by all
),
---------- IoD2019 average score on today's authorities (OHID's deprivation deciles use IMD 2019)
imd2019_votes as (
    select lookup.lsoa11_code, lsoas.lad_code, lsoas.utla_code, count(*) as lsoas
    from stg_geography__lsoa11_to_lsoa21 as lookup
    inner join lsoas on lsoas.lsoa_code = lookup.lsoa21_code
    group by all
),
imd2019_home as (
    select lsoa11_code, arg_max(lad_code, lsoas * 1e6 - rank_code) as lad_code,
        arg_max(utla_code, lsoas * 1e6 - rank_code) as utla_code
    from (select *, dense_rank() over (order by lad_code) as rank_code from imd2019_votes)
    group by lsoa11_code
),
imd2019 as (
    select 'district' as tier, home.lad_code as area_code,
           sum(imd.imd_score * imd.population) / sum(imd.population) as imd2019_average_score
    from imd2019_home as home inner join stg_imd2019__lsoas as imd on imd.lsoa_code = home.lsoa11_code
    group by all
    union all
    select 'county' as tier, home.utla_code as area_code,
           sum(imd.imd_score * imd.population) / sum(imd.population) as imd2019_average_score
    from imd2019_home as home inner join stg_imd2019__lsoas as imd on imd.lsoa_code = home.lsoa11_code
    group by all
),
final as (
    select
        profiles.*,
        areas.area_km2,
        profiles.residents / areas.area_km2 as residents_per_km2,
        imd2019.imd2019_average_score
    from profiles
    left join areas on areas.tier = profiles.tier and areas.area_code = profiles.area_code
    left join imd2019 on imd2019.tier = profiles.tier and imd2019.area_code = profiles.area_code
)
select * from final order by tier, area_code
