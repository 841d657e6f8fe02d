-- purpose: reference data for uploaded files (bring your own data): every LSOA of the configured ICB in both IMD
--          vintages with its ward, district and place, national IMD decile and score, and population weight.
-- grain: one row per IMD vintage x LSOA of the ICB (2019: LSOA 2011; 2025: LSOA 2021).
-- parameters: $icb (ICB ONS code).
select
    imd_vintage,
    lsoa_code,
    lsoa_name,
    ward_code,
    lad_code,
    place_code,
    imd_decile,
    imd_score,
    deprivation_population as population
from mart_lsoas
where icb_code = $icb
order by imd_vintage, lsoa_code
