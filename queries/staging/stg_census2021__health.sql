-- purpose: Census 2021 health outcomes by LSOA 2021 as counts over each table's own total: residents in bad or very
--          bad general health (TS037), residents aged 5+ providing unpaid care (TS039) and households deprived in one or
--          more / two or more dimensions (TS011).
-- grain: one row per English LSOA 2021.
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: ONS Census 2021 topic summaries TS037, TS039, TS011 (Nomis bulk), OGL v3.0. Crude counts, not age-standardised.
-- notes: TS039's columns are nested, so carers = aged 5+ minus "Provides no unpaid care" (never a sum of all columns).
--        Each table is perturbed separately by ONS, so each uses its own total as the denominator.
create or replace table stg_census2021__health as
with general_health as (
    select * from read_parquet($raw_dir || '/census2021_ts037_general_health_lsoa21.parquet')
),
unpaid_care as (
    select * from read_parquet($raw_dir || '/census2021_ts039_unpaid_care_lsoa21.parquet')
),
household_deprivation as (
    select * from read_parquet($raw_dir || '/census2021_ts011_household_deprivation_lsoa21.parquet')
)
select
    general_health.lsoa21_code as lsoa_code,
    cast(general_health."Bad health" + general_health."Very bad health" as bigint) as residents_bad_health,
    cast(general_health.total_residents as bigint) as general_health_total,
    cast(unpaid_care.total_residents_aged_5_and_over - unpaid_care."Provides no unpaid care" as bigint) as unpaid_carers,
    cast(unpaid_care."Provides 50 or more hours unpaid care a week" as bigint) as unpaid_carers_50_hours,
    cast(unpaid_care.total_residents_aged_5_and_over as bigint) as unpaid_care_total,
    cast(household_deprivation.total_households - household_deprivation."Household is not deprived in any dimension"
        as bigint) as households_deprived_1plus,
    cast(household_deprivation."Household is deprived in two dimensions"
        + household_deprivation."Household is deprived in three dimensions"
        + household_deprivation."Household is deprived in four dimensions" as bigint) as households_deprived_2plus,
    cast(household_deprivation.total_households as bigint) as households_total
from general_health
inner join unpaid_care on unpaid_care.lsoa21_code = general_health.lsoa21_code
inner join household_deprivation on household_deprivation.lsoa21_code = general_health.lsoa21_code
where general_health.lsoa21_code like 'E01%'
