-- purpose: the place profile's deprivation gradient: one area's LSOAs grouped by national IMD decile, with the
--          population, income-deprived people and Census 2021 disability counts behind a decile chart and an SII.
-- grain: one row per national IMD decile present in the area (1 = most deprived 10% of LSOAs in England).
-- parameters: $vintage (2019 or 2025), $icb (ICB ONS code), $level ('icb', 'place' or 'district'), $area_code.
-- notes: income_deprived is the IoD income domain score (a rate) times the IoD population denominator, i.e. the
--        estimated number of income-deprived people; disability and Census 2021 general-health counts (bad or very bad
--        health over TS037's own total) exist with the 2025 vintage (2021 LSOAs) only.
with lsoas as (
    select * from mart_lsoas where imd_vintage = $vintage and icb_code = $icb
),
in_area as (
    select lsoas.* from lsoas
    inner join mart_area_lsoas as members
        on members.lsoa_code = lsoas.lsoa_code and members.imd_vintage = $vintage
        and members.icb_code = $icb and members.level = $level and members.area_code = $area_code
)
select
    in_area.imd_decile,
    count(*) as lsoas,
    sum(in_area.deprivation_population) as population,
    sum(in_area.deprivation_population * in_area.income_score) as income_deprived,
    sum(in_area.residents) as residents,
    any_value(in_area.residents_source) as residents_source,
    sum(in_area.residents_disabled) as disabled,
    sum(in_area.disability_total) as disability_total,
    sum(census.residents_bad_health) as bad_health,
    sum(census.general_health_total) as general_health_total
from in_area
left join stg_census2021__health as census on census.lsoa_code = in_area.lsoa_code and $vintage = 2025
group by in_area.imd_decile
order by in_area.imd_decile
