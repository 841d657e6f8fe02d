-- purpose: CVDPREVENT audit, England by patient IMD quintile (persons): hypertension treated to the appropriate
--          threshold, high blood pressure without a diagnosis, cholesterol treatment at high risk, anticoagulation in AF.
-- grain: one row per indicator x IMD quintile (1 = most deprived, CVDPREVENT's convention; England only).
-- parameters: $raw_dir (folder of vendored Parquet files).
-- source: NHS England / OHID CVDPREVENT Data Explorer exports, "To March 2026" (OGL v3.0). Quintile sums exclude
--         patients with unknown deprivation, so they are not the official England totals.
create or replace table stg_cvdprevent__england_quintiles as
select
    indicator_code,
    indicator as indicator_name,
    period,
    cast(quintile as integer) as quintile,
    cast(numerator as double) as numerator,
    cast(denominator as double) as denominator,
    value,
    lower_ci as lowercl,
    upper_ci as uppercl
from read_parquet($raw_dir || '/cvdprevent_england_imd_quintile.parquet')
