-- purpose: the upper-tier local authorities (2021 geography, as COVER reports them) of the configured ICB, with
--          whether each lies wholly in it and the note that goes with a value for the whole of one only partly in it.
-- grain: one row per upper-tier authority of the ICB.
-- parameters: $vintage, $icb.
select area_code, area_name, lsoas, whole_area_in_icb, value_note
from mart_utla_areas
where imd_vintage = $vintage and icb_code = $icb
order by area_name
