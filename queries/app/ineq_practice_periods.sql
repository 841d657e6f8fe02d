-- purpose: the QOF years in which the configured ICB's GP practices have registers (practice-level gradients).
-- grain: one row per period, most recent first.
-- parameters: $icb.
select period
from stg_qof__prevalence
where icb_code = $icb
group by period
order by period desc
