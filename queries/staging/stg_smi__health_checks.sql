-- purpose: NHS England physical health checks for people with severe mental illness (SDCS collection, experimental
--          statistics): the SMI register and the people who had all six checks (and each check) in the 12 months to
--          the end of each quarter, with each organisation's code mapped to a sub-ICB location (ONS) and ICB.
-- grain: one row per quarter x organisation (CCG code to 2021-22 Q4, sub-ICB location code from 2022-23 Q1).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: NHS England SMI physical health checks (OGL v3.0). Codes are mapped by ODS code with the ONS LSOA (2011) to
--         sub-ICB location (2022) lookup: a CCG whose code continued as a sub-ICB location maps to it (QE1's 8 CCG
--         codes equal its 8 sub-ICB codes); codes of CCGs merged before July 2022 map to none and count only towards
--         England. Period "SMI-Q4-2023-2024" is labelled "2023/24 Q4".
create or replace table stg_smi__health_checks as
with answers as (
    select * from read_parquet($raw_dir || '/smi_physical_health_checks_subicb.parquet')
),
sub_icbs as (
    select distinct SICBL22CDH as ods_code, SICBL22CD as sicbl_code, ICB22CD as icb_code
    from read_parquet($raw_dir || '/lookup_lsoa11_sicbl22_icb22_lad22.parquet')
),
pivoted as (
    select
        Period as source_period,
        "CCG Code" as org_code,
        max(case when Question = 'SMIRegister' then Answer end) as smi_register,
        max(case when Question = 'All6PHC' then Answer end) as all_six_checks,
        max(case when Question = 'Alcohol' then Answer end) as alcohol_check,
        max(case when Question = 'BloodGlucose' then Answer end) as blood_glucose_check,
        max(case when Question = 'BloodLipid' then Answer end) as blood_lipid_check,
        max(case when Question = 'BloodPressure' then Answer end) as blood_pressure_check,
        max(case when Question = 'BMIWeight' then Answer end) as bmi_check,
        max(case when Question = 'Smoking' then Answer end) as smoking_check
    from answers
    group by Period, "CCG Code"
)
select
    -- SMI-Qn-yyyy-yyyy -> yyyy/yy Qn
    regexp_extract(source_period, 'SMI-Q\d-(\d{4})-', 1) || '/' || right(source_period, 2) || ' Q'
        || regexp_extract(source_period, 'SMI-Q(\d)-', 1) as period,
    source_period,
    pivoted.org_code,
    sub_icbs.sicbl_code,
    sub_icbs.icb_code,
    smi_register, all_six_checks, alcohol_check, blood_glucose_check, blood_lipid_check, blood_pressure_check,
    bmi_check, smoking_check
from pivoted
left join sub_icbs on sub_icbs.ods_code = pivoted.org_code
