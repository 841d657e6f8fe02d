-- purpose: one LSOA-based indicator summed over every English LSOA by national IMD decile: the England gradient drawn
--          beside an ICB's own (counts and denominators; intervals added in Python, Wilson).
-- grain: one row per national IMD decile (1 = most deprived 10% of LSOAs in England).
-- parameters: $indicator, $vintage, $period.
with lsoas as (
    select lsoa_code, imd_decile from mart_lsoas where imd_vintage = $vintage
),
lsoa_values as (
    select area_code, numerator, denominator
    from mart_indicator_values
    where indicator_id = $indicator and area_level = 'lsoa' and period = $period
        and (imd_vintage = $vintage or imd_vintage is null)
)
select
    lsoas.imd_decile as deprivation_group,
    count(*) as units,
    sum(lsoa_values.numerator) as numerator,
    sum(lsoa_values.denominator) as denominator
from lsoas
inner join lsoa_values on lsoa_values.area_code = lsoas.lsoa_code
group by lsoas.imd_decile
order by lsoas.imd_decile
