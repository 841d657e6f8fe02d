-- purpose: ONS Health Index for England scores (overall and the three domains; England 2015 = 100).
-- grain: one row per LTLA 2021 x year x measure.
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONS Health Index for England 2015-2021 (healthindexscoresengland.xlsx), via humaniverse/healthyr.
create or replace table stg_ons_health_index__scores as
with source as (
    select * from read_parquet($raw_dir || '/ons_health_index_scores.parquet')
),
unpivoted as (
    unpivot source
    on overall_score, healthy_people_domain_score, healthy_lives_domain_score, healthy_places_domain_score
    into name measure value score
)
select
    ltla21_code as area_code,
    cast(cast(year as integer) as varchar) as period,
    measure,
    cast(score as double) as value
from unpivoted
where score is not null
