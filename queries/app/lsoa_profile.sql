-- purpose: the LSOA spine for the configured ICB: codes, parents, IMD rank/decile/score and populations.
-- grain: one row per LSOA of the ICB in the vintage.
-- parameters: $vintage, $icb.
select
    lsoa_code, lsoa_name, ward_code, ward_name, lad_code, lad_name, place_code, place_name, sicbl_code, sicbl_name,
    imd_score, imd_rank, imd_decile, is_core20, deprivation_population, residents
from mart_lsoas
where imd_vintage = $vintage and icb_code = $icb
order by imd_rank
