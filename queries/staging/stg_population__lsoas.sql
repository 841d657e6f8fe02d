-- purpose: resident population by LSOA for each vintage: ONS mid-2020 small-area estimates (2011 LSOAs) and
--          Census 2021 usual residents with ethnic group and disability (2021 LSOAs).
-- grain: one row per IMD vintage x LSOA (England and Wales rows as published; England is selected downstream).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONS SAPE mid-2020 (SAPE23DT2); ONS Census 2021 custom dataset (age, 6 bands), TS021, TS038.
create or replace table stg_population__lsoas as
with sape as (
    select * from read_parquet($raw_dir || '/population_sape_mid2020_lsoa11.parquet')
),
census_age as (
    select * from read_parquet($raw_dir || '/census2021_residents_age6_lsoa21.parquet')
),
ethnicity as (
    select * from read_parquet($raw_dir || '/census2021_ts021_ethnic_group_lsoa21.parquet')
),
disability as (
    select * from read_parquet($raw_dir || '/census2021_ts038_disability_lsoa21.parquet')
),
vintage_2019 as (
    select
        2019 as imd_vintage,
        lsoa11cd as lsoa_code,
        cast(total as bigint) as residents,
        cast(age_0_15 as bigint) as residents_0_15,
        cast(age_65plus as bigint) as residents_65_plus,
        cast(null as bigint) as residents_ethnic_minority,
        cast(null as bigint) as residents_asian,
        cast(null as bigint) as residents_black,
        cast(null as bigint) as residents_mixed,
        cast(null as bigint) as residents_other_ethnic,
        cast(null as bigint) as ethnicity_total,
        cast(null as bigint) as residents_disabled,
        cast(null as bigint) as disability_total,
        'ONS mid-2020 LSOA population estimates' as residents_source
    from sape
),
vintage_2025 as (
    select
        2025 as imd_vintage,
        census_age.LSOA21CD as lsoa_code,
        cast(census_age.sum_of_6_age_bands_derived as bigint) as residents,
        cast(census_age."Aged 15 years and under" as bigint) as residents_0_15,
        cast(census_age."Aged 65 years and over" as bigint) as residents_65_plus,
        cast(ethnicity.total_residents - ethnicity.White as bigint) as residents_ethnic_minority,
        cast(ethnicity."Asian, Asian British or Asian Welsh" as bigint) as residents_asian,
        cast(ethnicity."Black, Black British, Black Welsh, Caribbean or African" as bigint) as residents_black,
        cast(ethnicity."Mixed or Multiple ethnic groups" as bigint) as residents_mixed,
        cast(ethnicity."Other ethnic group" as bigint) as residents_other_ethnic,
        cast(ethnicity.total_residents as bigint) as ethnicity_total,
        cast(disability."Disabled under the Equality Act" as bigint) as residents_disabled,
        cast(disability.total_residents as bigint) as disability_total,
        'ONS Census 2021 usual residents' as residents_source
    from census_age
    left join ethnicity on ethnicity.lsoa21_code = census_age.LSOA21CD
    left join disability on disability.lsoa21_code = census_age.LSOA21CD
)
select * from vintage_2019
union all
select * from vintage_2025
