-- purpose: which periods each practice-level indicator (QOF, OHID practice/PCN values) has values for among the configured ICB's GP practices
--          and PCNs; the practice and PCN counterpart of indicator_availability (used to validate CLI choices).
-- grain: one row per indicator x level ('practice' or 'pcn') x period (with the number of areas that have a value).
-- parameters: $icb.
-- notes: membership is the ICB's practices and PCNs in any QOF year, so practice-level series with other period labels
--        (OHID's, e.g. '2022/23') are found too.
with members as (
    select distinct 'practice' as level, practice_code as area_code
    from stg_qof__prevalence
    where icb_code = $icb
    union
    select distinct 'pcn' as level, pcn_code as area_code
    from stg_qof__prevalence
    where icb_code = $icb and pcn_code is not null
)
select
    values.indicator_id,
    members.level,
    values.period,
    any_value(values.period_sort) as period_sort,
    count(*) as areas_with_value
from mart_indicator_values as values
inner join members
    on members.level = values.area_level
    and members.area_code = values.area_code
group by values.indicator_id, members.level, values.period
order by values.indicator_id, members.level, period_sort
