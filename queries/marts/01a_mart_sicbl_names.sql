-- purpose: give sub-ICB locations their familiar names with the code beside them ("East Lancashire (01A)") in the LSOA
--          spine, before any other mart copies the name. Names and their sources are configuration
--          (lsc_phm.config.SUB_ICB_NAMES, written by the build as cfg_sicbl_names).
-- grain: one row per configured sub-ICB location (mart_sicbl_names); mart_lsoas is updated in place.
-- parameters: none.
create or replace table mart_sicbl_names as
select
    names.ods_code,
    names.ons_code,
    names.name as familiar_name,
    names.name || ' (' || names.ods_code || ')' as display_name,
    names.source
from cfg_sicbl_names as names;

update mart_lsoas
set sicbl_name = mart_sicbl_names.display_name
from mart_sicbl_names
where mart_lsoas.sicbl_ods_code = mart_sicbl_names.ods_code
    and mart_lsoas.sicbl_code = mart_sicbl_names.ons_code;
