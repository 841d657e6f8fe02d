-- purpose: resolve an ICB given by ONS code (E54...) or ODS code (Q..) to its codes and name, for each IMD vintage.
--          ONS codes are vintage-specific (Sussex is E54000053 on the July 2022 basis and E54000064 on the April 2024
--          basis) while the ODS code (QNX) is stable, so a code from either vintage is first turned into its ODS
--          code and the ICB is then found by ODS code in every vintage.
-- grain: one row per IMD vintage in which the ICB exists (0 rows = unknown ICB).
-- parameters: $icb (ONS or ODS code, case-insensitive).
with wanted as (
    select distinct icb_ods_code
    from mart_lsoas
    where upper(icb_code) = upper($icb) or upper(icb_ods_code) = upper($icb)
)
select
    imd_vintage,
    icb_code,
    any_value(icb_ods_code) as icb_ods_code,
    any_value(icb_name) as icb_name,
    count(*) as lsoas
from mart_lsoas
where icb_ods_code in (select icb_ods_code from wanted)
group by imd_vintage, icb_code
order by imd_vintage
