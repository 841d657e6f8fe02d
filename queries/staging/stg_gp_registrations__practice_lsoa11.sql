-- purpose: patients registered at a GP practice by the LSOA 2011 they live in, April 2020 (NHS Digital), and whether
--          the file holds all of a practice's patients: it is complete only for the practices of Blackburn with
--          Darwen and East Lancashire CCGs; other practices appear only for their patients living in Pennine
--          Lancashire, so their rows are never a whole list.
-- grain: one row per practice x LSOA 2011 (patients of both sexes; the pseudo-code NO2011 is not vendored).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: NHS Digital, Patients Registered at a GP Practice, April 2020 (gp-reg-pat-prac-lsoa-all.csv), subset carried
--         by bwd-ph/mapdata @d5cc7b20 (OGL v3.0).
create or replace table stg_gp_registrations__practice_lsoa11 as
select
    strptime(EXTRACT_DATE, '%d%b%Y')::date as extract_date,
    PRACTICE_CODE as practice_code,
    PRACTICE_NAME as practice_name,
    LSOA_CODE as lsoa11_code,
    cast(NUMBER_OF_PATIENTS as bigint) as patients,
    PRACTICE_IN_PENNINE_PCN_LIST = 'Y' as practice_complete,
    LSOA_IN_PENNINE_LANCASHIRE = 'Y' as lsoa_complete
from read_parquet($raw_dir || '/gp_reg_pat_prac_lsoa_apr2020_pennine.parquet')
where SEX = 'ALL'
