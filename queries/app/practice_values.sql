-- purpose: a practice-level indicator (QOF, or OHID's practice/PCN values) for the configured ICB's GP practices or PCNs, with England alongside.
-- columns: also ci_source ('published' / 'computed here'), published_comparison (publisher's own verdict, made at
--          published_comparison_level) and
--          value_note (e.g. a proxy area's value); a name missing from OHID's rows is the QOF name of the practice/PCN.
-- grain: one row per practice (or PCN) of the ICB with a value in the period.
-- parameters: $indicator, $icb, $level ('practice' or 'pcn'), $period.
with qof as (
    -- the ICB's practices and PCNs in any QOF year (practice-level series such as OHID's use other period labels)
    select * from stg_qof__prevalence where icb_code = $icb
),
areas as (
    -- each practice's or PCN's name in its latest QOF year (OHID's own rows carry no name)
    select
        case when $level = 'practice' then practice_code else pcn_code end as area_code,
        arg_max(case when $level = 'practice' then practice_name else pcn_name end, period) as qof_name
    from qof
    group by all
),
values_for_period as (
    select * from mart_indicator_values
    where indicator_id = $indicator and period = $period and area_level = $level
),
england as (
    select value from mart_indicator_values
    where indicator_id = $indicator and period = $period and area_code = 'E92000001'
    limit 1
)
select
    values_for_period.area_code,
    coalesce(nullif(values_for_period.area_name, ''), areas.qof_name) as area_name,
    values_for_period.value,
    values_for_period.lowercl,
    values_for_period.uppercl,
    values_for_period.numerator,
    values_for_period.denominator,
    values_for_period.ci_source,
    values_for_period.published_comparison,
    values_for_period.published_comparison_level,
    values_for_period.value_note,
    $period as period,
    (select value from england) as england_value
from values_for_period
inner join areas on areas.area_code = values_for_period.area_code
order by area_name
