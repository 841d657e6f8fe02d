-- purpose: the periods in which OHID publishes an indicator for primary care networks of the configured ICB (PCNs of
--          any QOF year's practice-to-PCN mapping).
-- grain: one row per period, most recent first.
-- parameters: $indicator, $icb.
select v.period
from mart_indicator_values as v
where v.indicator_id = $indicator and v.area_level = 'pcn' and v.ci_source = 'published'
    and v.area_code in (select pcn_code from stg_qof__prevalence where icb_code = $icb)
group by v.period
order by max(v.period_sort) desc
