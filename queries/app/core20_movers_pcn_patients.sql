-- purpose: the configured ICB's PCNs with their practices' registered patients (April 2020) by the LSOA 2011 they live
--          in, for Core20 movers by PCN (docs/methods.md#core20-movers-between-imd-2019-and-imd-2025). PCN membership
--          is the app's for QOF 2024-25 (NHS England practice map of July 2026, else the QOF 2022-23 mapping). A PCN
--          is covered only when every one of its practices has its whole list in the April 2020 file.
-- grain: one row per PCN x LSOA 2011 for covered PCNs; one row per uncovered PCN with lsoa11_code and patients null.
-- parameters: $icb (ONS ICB code).
with pcn_practices as (
    select practice_code, any_value(pcn_code) as pcn_code, any_value(pcn_name) as pcn_name
    from stg_qof__prevalence
    where icb_code = $icb and period = '2024-25' and pcn_code is not null
    group by practice_code
),
complete as (
    select distinct practice_code from stg_gp_registrations__practice_lsoa11 where practice_complete
),
pcns as (
    select
        pcn_practices.pcn_code,
        any_value(pcn_practices.pcn_name) as pcn_name,
        count(*) as practices,
        count(complete.practice_code) as practices_complete
    from pcn_practices
    left join complete on complete.practice_code = pcn_practices.practice_code
    group by pcn_practices.pcn_code
),
patients as (
    select pcn_practices.pcn_code, registrations.lsoa11_code, sum(registrations.patients) as patients
    from pcn_practices
    inner join stg_gp_registrations__practice_lsoa11 as registrations
        on registrations.practice_code = pcn_practices.practice_code and registrations.practice_complete
    group by pcn_practices.pcn_code, registrations.lsoa11_code
)
select
    pcns.pcn_code, pcns.pcn_name, pcns.practices, pcns.practices = pcns.practices_complete as covered,
    patients.lsoa11_code, patients.patients
from pcns
left join patients on patients.pcn_code = pcns.pcn_code and pcns.practices = pcns.practices_complete
order by pcns.pcn_name, patients.lsoa11_code
