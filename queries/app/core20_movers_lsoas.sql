-- purpose: the ICB's 2021 LSOAs with their Core20 status under IMD 2019 (through the 2011 LSOA(s) they came from)
--          and IMD 2025, the boundary change between, the movement in or out of the national most deprived 20%, and
--          Census 2021 residents (docs/methods.md#core20-movers-between-imd-2019-and-imd-2025).
-- grain: one row per LSOA 2021 in the ICB (IMD 2025 geography).
-- parameters: $icb (ONS ICB code).
-- rule: unchanged (U) and split (S) LSOAs take their one 2011 parent's IMD 2019 decile; merged (M) and irregular (X)
--       LSOAs have several parents: their 2019 status is the parents' when all agree, otherwise 'mixed' and the
--       LSOA is neither entering nor leaving. Core20 = mart_lsoas.is_core20 (national IMD decile 1 or 2).
with lsoas_2025 as (
    select lsoa_code, lsoa_name, ward_code, ward_name, lad_code, lad_name, place_code, place_name,
        imd_decile as imd2025_decile, is_core20 as core20_2025, residents
    from mart_lsoas
    where imd_vintage = 2025 and icb_code = $icb
),
parents as (
    select
        lookup.lsoa21_code,
        any_value(lookup.change_indicator) as change_indicator,
        count(*) as lsoa11_parents,
        string_agg(lookup.lsoa11_code, ' ' order by lookup.lsoa11_code) as lsoa11_codes,
        string_agg(cast(imd.imd_decile as varchar), ' ' order by lookup.lsoa11_code) as imd2019_deciles,
        bool_and(imd.is_core20) as all_core20_2019,
        bool_or(imd.is_core20) as any_core20_2019
    from stg_geography__lsoa11_to_lsoa21 as lookup
    inner join mart_lsoas as imd on imd.imd_vintage = 2019 and imd.lsoa_code = lookup.lsoa11_code
    where lookup.lsoa21_code in (select lsoa_code from lsoas_2025)
    group by lookup.lsoa21_code
),
classified as (
    select
        lsoas_2025.*,
        parents.change_indicator,
        case parents.change_indicator
            when 'U' then 'unchanged' when 'S' then 'split' when 'M' then 'merged' when 'X' then 'irregular'
        end as boundary_change,
        parents.lsoa11_codes,
        parents.imd2019_deciles,
        case when parents.all_core20_2019 then 'in' when not parents.any_core20_2019 then 'out' else 'mixed'
        end as core20_2019
    from lsoas_2025
    inner join parents on parents.lsoa21_code = lsoas_2025.lsoa_code
)
select
    *,
    case
        when core20_2019 = 'mixed' then 'not classified'
        when core20_2019 = 'out' and core20_2025 then 'entered'
        when core20_2019 = 'in' and not core20_2025 then 'left'
        when core20_2019 = 'in' then 'stayed in'
        else 'stayed out'
    end as movement
from classified
order by place_code, lad_code, lsoa_code
