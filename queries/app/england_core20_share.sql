-- purpose: England's Core20 population share for one IMD vintage (people in LSOAs in national deciles 1-2, weighted
--          by the vintage's deprivation population), the benchmark for an area's Core20 share.
-- grain: one row.
-- parameters: $vintage (2019 or 2025).
select
    100.0 * sum(case when is_core20 then deprivation_population else 0 end)
        / sum(deprivation_population) as core20_population_share,
    count(*) as lsoas,
    sum(deprivation_population) as population,
    any_value(deprivation_population_source) as population_source
from mart_lsoas
where imd_vintage = $vintage
