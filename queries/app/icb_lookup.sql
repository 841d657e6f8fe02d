-- purpose: resolve an ICB given by ONS code (E54...) or ODS code (Q..) to its codes and name, for each IMD vintage.
-- grain: one row per IMD vintage in which the ICB exists (0 rows = unknown ICB).
-- parameters: $icb (ONS or ODS code, case-insensitive).
select
    imd_vintage,
    icb_code,
    any_value(icb_ods_code) as icb_ods_code,
    any_value(icb_name) as icb_name,
    count(*) as lsoas
from mart_lsoas
where upper(icb_code) = upper($icb) or upper(icb_ods_code) = upper($icb)
group by imd_vintage, icb_code
order by imd_vintage
