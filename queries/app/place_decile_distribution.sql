-- purpose: how each place's LSOAs and population spread across national IMD deciles, for both vintages.
-- grain: one row per IMD vintage x place x national decile.
-- parameters: $icb.
select
    imd_vintage,
    place_code,
    any_value(place_name) as place_name,
    imd_decile,
    count(*) as lsoas,
    sum(deprivation_population) as population
from mart_lsoas
where icb_code = $icb
group by imd_vintage, place_code, imd_decile
order by imd_vintage, place_name, imd_decile
