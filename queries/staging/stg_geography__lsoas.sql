-- purpose: the ONS lookups that place every English LSOA in its ward, district, upper-tier authority, sub-ICB and ICB,
--          for both LSOA vintages (2011 LSOAs with IMD 2019; 2021 LSOAs with IMD 2025).
-- grain: one row per IMD vintage x LSOA in England (32,844 + 33,755 rows).
-- notes: MSOA 2011 (msoa_code) exists for 2011 LSOAs only, which nest exactly in it; for 2021 LSOAs it is null (no
--        exact LSOA 2021 -> MSOA 2011 route exists).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONS LSOA11->SICBL22->ICB22->LAD22 (Jul 2022); LSOA11->WD19->LAD19 best fit; LSOA21->WD24->LAD24 best fit
--         joined with LSOA21->SICBL24->ICB24 (Apr 2024); LAD21->UTLA21.
create or replace table stg_geography__lsoas as
with lsoa11_nhs as (
    select * from read_parquet($raw_dir || '/lookup_lsoa11_sicbl22_icb22_lad22.parquet')
),
lsoa11_wards as (
    select * from read_parquet($raw_dir || '/lookup_lsoa11_wd19_lad19.parquet')
),
lsoa21 as (
    select * from read_parquet($raw_dir || '/lookup_lsoa21_wd24_lad24_sicbl24_icb24.parquet')
),
lad_to_utla as (
    select * from read_parquet($raw_dir || '/lookup_lad21_utla21.parquet')
),
lsoa11_msoas as (
    select * from read_parquet($raw_dir || '/lookup_lsoa11_msoa11.parquet')
),
vintage_2019 as (
    select
        2019 as imd_vintage,
        lsoa11_nhs.LSOA11CD as lsoa_code,
        lsoa11_nhs.LSOA11NM as lsoa_name,
        lsoa11_wards.WD19CD as ward_code,
        lsoa11_wards.WD19NM as ward_name,
        lsoa11_msoas.MSOA11CD as msoa_code,
        lsoa11_msoas.MSOA11NM as msoa_name,
        lsoa11_wards.LAD19CD as lad_code,
        lsoa11_wards.LAD19NM as lad_name,
        lsoa11_nhs.SICBL22CD as sicbl_code,
        lsoa11_nhs.SICBL22CDH as sicbl_ods_code,
        lsoa11_nhs.SICBL22NM as sicbl_name,
        lsoa11_nhs.ICB22CD as icb_code,
        lsoa11_nhs.ICB22CDH as icb_ods_code,
        lsoa11_nhs.ICB22NM as icb_name
    from lsoa11_nhs
    inner join lsoa11_wards on lsoa11_wards.LSOA11CD = lsoa11_nhs.LSOA11CD
    left join lsoa11_msoas on lsoa11_msoas.LSOA11CD = lsoa11_nhs.LSOA11CD
),
vintage_2025 as (
    select
        2025 as imd_vintage,
        LSOA21CD, LSOA21NM, WD24CD, WD24NM, cast(null as varchar) as msoa_code, cast(null as varchar) as msoa_name,
        LAD24CD, LAD24NM,
        SICBL24CD, SICBL24CDH, SICBL24NM, ICB24CD, ICB24CDH, ICB24NM
    from lsoa21
),
unioned as (
    select * from vintage_2019
    union all
    select * from vintage_2025
),
-- Upper tier: a unitary, metropolitan or London district is its own upper tier; a shire district takes its county
-- from the ONS LAD21->UTLA21 lookup (the shire districts in the 2024 lookup all existed in 2021).
with_upper_tier as (
    select
        unioned.*,
        coalesce(lad_to_utla.UTLA21CD, unioned.lad_code) as utla_code,
        coalesce(lad_to_utla.UTLA21NM, unioned.lad_name) as utla_name
    from unioned
    left join lad_to_utla
        on lad_to_utla.LAD21CD = unioned.lad_code
        and unioned.lad_code like 'E07%'
)
select * from with_upper_tier
