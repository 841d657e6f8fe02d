-- purpose: the periods in which the store holds an indicator for primary care networks of the configured ICB (PCNs of
--          any QOF year's practice-to-PCN mapping): OHID's own PCN values ($ci_source 'published') or OHID practice
--          counts summed into PCNs here ($ci_source 'computed here').
-- grain: one row per period, most recent first.
-- parameters: $indicator, $icb, $ci_source ('published' or 'computed here').
select v.period
from mart_indicator_values as v
where v.indicator_id = $indicator and v.area_level = 'pcn' and v.ci_source = $ci_source
    and v.area_code in (select pcn_code from stg_qof__prevalence where icb_code = $icb)
group by v.period
order by max(v.period_sort) desc
