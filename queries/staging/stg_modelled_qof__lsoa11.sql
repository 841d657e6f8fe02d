-- purpose: modelled QOF prevalence by LSOA 2011 (practice registers apportioned to LSOAs by where each practice's
--          patients live): CKD 18+ for each QOF year 2014/15-2021/22 and stroke/TIA (all ages, 2019/20-2021/22 average).
-- grain: one row per English LSOA 2011 x measure x period; values in percent (the source holds proportions 0-1).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: AlexGibsonPlymouth/GP_LSOA_Attribution @36e88a43 (MIT), from OHID Fingertips 258/212 and NHS Digital
--         registrations by LSOA. Modelled estimates with no counts: no confidence interval, never significance-tested.
create or replace table stg_modelled_qof__lsoa11 as
with source as (
    select * from read_parquet($raw_dir || '/modelled_qof_ckd_stroke_lsoa11.parquet')
),
long as (
    unpivot source on columns(* exclude (LSOA11CD)) into name measure value prevalence
)
select
    LSOA11CD as lsoa_code,
    case when measure like 'ckd%' then 'modelled_ckd_prevalence' else 'modelled_stroke_prevalence' end as indicator_id,
    case when measure like 'ckd%'
         then regexp_extract(measure, '(\d{4})_(\d{2})$', 1) || '/' || regexp_extract(measure, '(\d{4})_(\d{2})$', 2)
         else '2019/20 - 21/22' end as period,
    100.0 * cast(prevalence as double) as value
from long
where prevalence is not null
