-- purpose: File 10-style deprivation summaries for one level: every English district (level 'district'), or the
--          configured ICB's wards, places or sub-ICBs, or the ICB itself.
-- grain: one row per area at that level.
-- parameters: $vintage (2019 or 2025), $level (district, ward, place, sicbl, icb), $icb (ICB ONS code).
with summaries as (
    select * from mart_deprivation_summaries where imd_vintage = $vintage and level = $level
),
icb_areas as (
    select area_code from mart_areas where imd_vintage = $vintage and icb_code = $icb and level = $level
)
select
    summaries.area_code,
    summaries.area_name,
    summaries.lsoas,
    summaries.population,
    summaries.avg_score,
    summaries.avg_score_rank,
    summaries.avg_rank,
    summaries.avg_rank_rank,
    summaries.pct_lsoas_most_deprived_10,
    summaries.core20_population_share,
    summaries.areas_ranked,
    summaries.population_source,
    summaries.summary_source
from summaries
where $level = 'district' or summaries.area_code in (select area_code from icb_areas)
order by summaries.avg_score_rank, summaries.area_name
