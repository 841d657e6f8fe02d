-- purpose: UKHSA COVER childhood vaccination coverage, Q4 2024-25: numerator and denominator of the three Core20PLUS5
--          delivery measures (12-month primary course DTaP/IPV/Hib/HepB3, MMR1 at 24 months, MMR2 at 5 years) by
--          upper-tier local authority as COVER reports them, with the ONS code of the authority where one matches.
-- grain: one row per upper-tier authority (COVER's ODS UTLA code) x measure.
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: UKHSA COVER Table 10 (OGL v3.0). COVER carries ODS UTLA codes only: each is matched to an ONS upper-tier
--         code by its name in the ONS LAD (2021) to UTLA (2021) lookup (case-insensitive, ignoring commas and ONS's ", City
--         of" / ", County of" suffixes), the geography COVER
--         still uses (Cumbria is one authority: the former county, including North Cumbria). Cells such as "[c]"
--         (suppressed) or "[x]" are not numbers and are kept as nulls.
create or replace table stg_cover__vaccination as
with cover as (
    select * from read_parquet($raw_dir || '/cover_2024_25_q4_utla.parquet')
),
utlas as (
    select distinct UTLA21CD as utla_code, UTLA21NM as utla_name
    from read_parquet($raw_dir || '/lookup_lad21_utla21.parquet')
),
measures as (
    select "Upper tier local authority ODS code" as cover_code, "Upper tier local authority name" as cover_name,
        "Financial year Quarter" as source_period, measure.*
    from cover,
    lateral (select unnest([
        {'indicator_id': 'vacc_dtap_ipv_hib_hepb_12m', 'numerator': "12m_DTaPIPVHib3_Num",
         'denominator': "12m_DTaPIPVHib3_Denom"},
        {'indicator_id': 'vacc_mmr1_24m', 'numerator': "24m_MMR1_Num", 'denominator': "24m_MMR1_Denom"},
        {'indicator_id': 'vacc_mmr2_5y', 'numerator': "5y_MMR2_Boo_Num", 'denominator': "5y_MMR2_Boo_Denom"}
    ], recursive := true)) as measure
)
select
    measures.indicator_id,
    -- FY2024_25_Q4 -> 2024/25 Q4
    regexp_extract(source_period, 'FY(\d{4})_', 1) || '/' || regexp_extract(source_period, '_(\d{2})_Q', 1) || ' Q'
        || right(source_period, 1) as period,
    measures.cover_code,
    measures.cover_name,
    utlas.utla_code,
    try_cast(replace(measures.numerator, ',', '') as double) as numerator,
    try_cast(replace(measures.denominator, ',', '') as double) as denominator
from measures
left join utlas
    -- ONS writes "Bristol, City of" and "Bournemouth, Christchurch and Poole" where COVER writes "Bristol" and
    -- "Bournemouth Christchurch and Poole"
    on lower(replace(regexp_replace(utlas.utla_name, ', (City|County) of$', ''), ',', ''))
        = lower(replace(measures.cover_name, ',', ''))
