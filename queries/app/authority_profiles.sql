-- purpose: every English local authority of one tier with the open-data variables used to find statistical
--          neighbours and OHID-style deprivation-decile peers (docs/methods.md#nearest-statistical-neighbours).
-- grain: one row per authority of the tier (296 districts/UAs or 153 counties/UAs).
-- parameters: $tier ('district' or 'county').
select
    area_code, area_name, residents,
    income_score, employment_score, education_score, health_score, crime_score, barriers_score, living_env_score,
    pct_aged_0_15, pct_aged_65_plus, pct_ethnic_minority, pct_disabled,
    area_km2, residents_per_km2, imd2019_average_score
from mart_authority_profiles
where tier = $tier
order by area_code
