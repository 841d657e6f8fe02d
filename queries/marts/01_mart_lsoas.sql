-- purpose: the LSOA spine the app stands on: each LSOA's geography (ward, district, upper tier, place, sub-ICB, ICB),
--          its IMD rank/decile/score and domain deciles, and its populations, for both IMD vintages.
-- grain: one row per IMD vintage x English LSOA (2019: LSOA 2011; 2025: LSOA 2021).
--        msoa_code (MSOA 2011) is set for the 2019 vintage only.
-- parameters: none (reads staging tables and cfg_place_labels, which the build writes from lsc_phm.config).
-- notes: place = the upper-tier authority the LSOA lies in, relabelled per ICB by cfg_place_labels (e.g. Cumbria's
--        successors within QE1 become "South Cumbria"); Core20 = national IMD decile 1 or 2.
create or replace table mart_lsoas as
with geography as (
    select * from stg_geography__lsoas
),
imd as (
    select 2019 as imd_vintage, * from stg_imd2019__lsoas
    union all by name
    select 2025 as imd_vintage, * from stg_imd2025__lsoas
),
population as (
    select * from stg_population__lsoas
),
place_labels as (
    select * from cfg_place_labels
),
joined as (
    select
        geography.imd_vintage,
        geography.lsoa_code,
        geography.lsoa_name,
        geography.ward_code,
        geography.ward_name,
        geography.msoa_code,
        geography.msoa_name,
        geography.lad_code,
        geography.lad_name,
        geography.utla_code,
        geography.utla_name,
        coalesce(place_labels.place_code, geography.icb_ods_code || '-' || geography.utla_code) as place_code,
        coalesce(place_labels.place_name, geography.utla_name) as place_name,
        geography.sicbl_code,
        geography.sicbl_ods_code,
        geography.sicbl_name,
        geography.icb_code,
        geography.icb_ods_code,
        geography.icb_name,
        imd.imd_score,
        imd.imd_rank,
        imd.imd_decile,
        -- Core20 (NHS England Core20PLUS5): national deciles 1 and 2. The one definition in SQL: every query and
        -- mart reads this column (Python: lsc_phm.domain.deprivation.is_core20).
        imd.imd_decile <= 2 as is_core20,
        imd.income_score,
        imd.employment_score,
        imd.income_decile,
        imd.employment_decile,
        imd.education_decile,
        imd.health_decile,
        imd.crime_decile,
        imd.barriers_decile,
        imd.living_env_decile,
        -- population behind the deprivation summaries: IoD2019 mid-2015 denominators; for 2025 (mid-2022
        -- denominators not available) Census 2021 usual residents
        coalesce(imd.population, population.residents) as deprivation_population,
        case when geography.imd_vintage = 2019 then 'IoD2019 mid-2015 population denominators'
             else 'ONS Census 2021 usual residents (IoD2025 mid-2022 denominators not available)' end
            as deprivation_population_source,
        population.residents,
        population.residents_source,
        population.residents_0_15,
        population.residents_65_plus,
        population.residents_ethnic_minority,
        population.ethnicity_total,
        population.residents_disabled,
        population.disability_total
    from geography
    inner join imd on imd.imd_vintage = geography.imd_vintage and imd.lsoa_code = geography.lsoa_code
    left join population on population.imd_vintage = geography.imd_vintage and population.lsoa_code = geography.lsoa_code
    left join place_labels on place_labels.icb_code = geography.icb_code and place_labels.utla_code = geography.utla_code
)
select * from joined
