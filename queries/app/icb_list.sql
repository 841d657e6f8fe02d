-- purpose: every ICB in England (for messages that list the valid codes).
-- grain: one row per ICB (2025 vintage codes, with the 2019 ones where they differ).
-- parameters: none.
select icb_code, any_value(icb_ods_code) as icb_ods_code, any_value(icb_name) as icb_name
from mart_lsoas
where imd_vintage = 2025
group by icb_code
order by icb_name
