-- purpose: the periods in which an indicator has values for the configured ICB's GP practices or PCNs (most recent
--          first), for the CLI and pages that list practice-level periods.
-- grain: one row per period.
-- parameters: $indicator, $icb, $level ('practice' or 'pcn').
with areas as (
    select distinct case when $level = 'practice' then practice_code else pcn_code end as area_code
    from stg_qof__prevalence
    where icb_code = $icb
)
select period, max(period_sort) as period_sort
from mart_indicator_values
where indicator_id = $indicator and area_level = $level and area_code in (select area_code from areas)
group by period
order by period_sort desc, period desc
