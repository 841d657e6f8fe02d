-- purpose: the configured ICB's primary care networks that have indicator values, for the attention list's area
--          picker. Membership is the practice-to-PCN mapping of any QOF year (stg_qof__prevalence).
-- grain: one row per PCN.
-- parameters: $icb (ICB ONS code).
with pcns as (
    select pcn_code, any_value(pcn_name) as pcn_name
    from stg_qof__prevalence
    where icb_code = $icb and pcn_code is not null
    group by pcn_code
),
with_values as (
    select distinct area_code
    from mart_indicator_values
    where area_level = 'pcn'
)
select pcns.pcn_code as area_code, pcns.pcn_name as area_name
from pcns
inner join with_values on with_values.area_code = pcns.pcn_code
order by pcns.pcn_name
