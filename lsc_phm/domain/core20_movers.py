"""Core20 movers: neighbourhoods (LSOAs) that entered or left England's most deprived 20% between IMD 2019 and
IMD 2025, with the residents affected, for each place, district and ward of an ICB; and, for PCNs whose practices'
registered patients by LSOA are held, the registered patients living in them (:func:`pcn_movers`).

IMD 2019 ranks 2011 LSOAs and IMD 2025 ranks 2021 LSOAs. Each 2021 LSOA is compared with the 2011 LSOA(s) it came
from (ONS LSOA 2011 to 2021 lookup, change indicator U/S/M/X):

* unchanged (U): the same neighbourhood; its IMD 2019 and IMD 2025 deciles are compared directly;
* split (S): each 2021 part takes its 2011 parent's IMD 2019 status;
* merged (M) and irregular (X): the 2019 status is the parents' when they all agree; when they differ the LSOA is
  "not classified" and counted neither entering nor leaving.

Split, merged and irregular LSOAs are always reported apart from unchanged ones. Residents are Census 2021 usual
residents of the 2021 LSOA (the same count for both indices, so a movement is never confused with population
change). Core20 is national IMD decile 1 or 2. See docs/methods.md#core20-movers-between-imd-2019-and-imd-2025.

References
----------
.. [1] MHCLG. English Indices of Deprivation 2025: research report and FAQ (relative measure; not a time series).
   https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025
.. [2] ONS. LSOA (2011) to LSOA (2021) to LAD (2022) lookup in England and Wales (change indicator CHGIND).
"""

from __future__ import annotations

import pandas as pd

from lsc_phm import config
from lsc_phm.domain.geography import Icb
from lsc_phm.store.db import Database

#: MHCLG's caveat, in the same words wherever movers appear (pages, CLI, profile, map). Paraphrased from MHCLG's
#: guidance for the English Indices of Deprivation, not quoted.
MOVERS_CAVEAT = (
    "MHCLG advises that the English Indices of Deprivation measure relative deprivation at one point in "
    "time and that IMD 2019 and IMD 2025 are not a time series: a neighbourhood entering or leaving the "
    "most deprived 20% may reflect other areas changing, new data and methods, or new boundaries, not a "
    "change in its own deprivation."
)
BOUNDARY_RULE = (
    "Each 2021 LSOA is compared with the 2011 LSOA(s) it came from. Unchanged and split LSOAs take "
    "their 2011 parent's IMD 2019 status; merged and irregular LSOAs take their parents' status when "
    "all agree, and are 'not classified' when they differ. Split, merged and irregular LSOAs are shown "
    "apart from unchanged ones. Residents: Census 2021."
)
MOVER_LEVELS: tuple[str, ...] = ("place", "district", "ward", "pcn")
PCN_NOT_AVAILABLE = (
    "PCNs have no boundaries: Core20 movers by PCN count registered patients by the LSOA they live "
    "in (pcn_movers), not the LSOAs inside an area."
)
PCN_NOT_COVERED = (
    "not covered: registered patients by LSOA held only for Blackburn with Darwen and East Lancashire "
    "practices (April 2020)"
)
PCN_PATIENTS_RULE = (
    "PCN movers count registered patients (all ages, NHS Digital, 1 April 2020) by the LSOA 2011 they "
    "lived in, through the 2021 LSOA(s) it became: a 2011 LSOA whose 2021 LSOAs moved differently is "
    "'not classified'. PCN membership: NHS England practice map of July 2026 (the app's PCNs for QOF "
    "2024/25), not that of April 2020. Patients of practices that closed or merged since April 2020 "
    "are in no PCN; patients living outside the ICB are counted apart. For covered PCNs a blank count "
    f"is suppressed (1 to {config.SUPPRESSION_THRESHOLD - 1}); 0 means no such neighbourhood "
    "holds any of its patients (a structural zero, not a small count)."
)
PCN_COLUMNS: tuple[str, ...] = (
    "pcn_code",
    "pcn_name",
    "practices",
    "coverage",
    "registered_patients",
    "entered_unchanged_patients",
    "entered_changed_patients",
    "left_unchanged_patients",
    "left_changed_patients",
    "not_classified_patients",
    "outside_icb_patients",
)
_LEVEL_COLUMNS = {
    "place": ("place_code", "place_name"),
    "district": ("lad_code", "lad_name"),
    "ward": ("ward_code", "ward_name"),
}
MOVEMENTS: tuple[str, ...] = ("entered", "left", "not classified")
SUMMARY_COLUMNS: tuple[str, ...] = (
    "area_code",
    "area_name",
    "lsoas",
    "entered_unchanged_lsoas",
    "entered_unchanged_residents",
    "entered_changed_lsoas",
    "entered_changed_residents",
    "left_unchanged_lsoas",
    "left_unchanged_residents",
    "left_changed_lsoas",
    "left_changed_residents",
    "not_classified_lsoas",
    "not_classified_residents",
)
LIST_COLUMNS: tuple[str, ...] = (
    "area_code",
    "area_name",
    "lsoa_code",
    "lsoa_name",
    "movement",
    "boundary_change",
    "lsoa11_codes",
    "imd2019_deciles",
    "imd2025_decile",
    "residents",
)

#: Table headers for people.
SUMMARY_LABELS = {
    "lsoas": "LSOAs (2021)",
    "entered_unchanged_lsoas": "Entered: unchanged LSOAs",
    "entered_unchanged_residents": "Entered: residents (unchanged)",
    "entered_changed_lsoas": "Entered: LSOAs with changed boundaries",
    "entered_changed_residents": "Entered: residents (changed boundaries)",
    "left_unchanged_lsoas": "Left: unchanged LSOAs",
    "left_unchanged_residents": "Left: residents (unchanged)",
    "left_changed_lsoas": "Left: LSOAs with changed boundaries",
    "left_changed_residents": "Left: residents (changed boundaries)",
    "not_classified_lsoas": "Not classified: LSOAs",
    "not_classified_residents": "Not classified: residents",
}
LIST_LABELS = {
    "lsoa_code": "LSOA (2021)",
    "lsoa_name": "LSOA name",
    "movement": "Movement",
    "boundary_change": "Boundary change 2011-2021",
    "lsoa11_codes": "LSOA(s) 2011",
    "imd2019_deciles": "IMD 2019 decile(s)",
    "imd2025_decile": "IMD 2025 decile",
    "residents": "Residents (Census 2021)",
}
PCN_LABELS = {
    "pcn_code": "PCN code",
    "pcn_name": "PCN",
    "practices": "Practices",
    "coverage": "Coverage",
    "registered_patients": "Registered patients (Apr 2020)",
    "entered_unchanged_patients": "Entered: patients (unchanged LSOAs)",
    "entered_changed_patients": "Entered: patients (changed boundaries)",
    "left_unchanged_patients": "Left: patients (unchanged LSOAs)",
    "left_changed_patients": "Left: patients (changed boundaries)",
    "not_classified_patients": "Not classified: patients",
    "outside_icb_patients": "Living outside the ICB: patients",
}


def mover_lsoas(db: Database, icb: Icb) -> pd.DataFrame:
    """Every 2021 LSOA of the ICB with its IMD 2019 and 2025 Core20 status, boundary change and movement.

    Returns
    -------
    DataFrame
        One row per LSOA 2021: codes and names of its ward, district and place; ``boundary_change`` (unchanged,
        split, merged, irregular), ``lsoa11_codes``, ``imd2019_deciles`` (of its 2011 parent(s)),
        ``imd2025_decile``, ``core20_2019`` (in, out, mixed), ``core20_2025``, ``movement`` (entered, left,
        stayed in, stayed out, not classified) and ``residents`` (Census 2021).
    """
    return db.query("core20_movers_lsoas", icb=icb.code)


def _check_level(level: str) -> tuple[str, str]:
    if level == "pcn":
        raise ValueError(PCN_NOT_AVAILABLE)
    if level not in _LEVEL_COLUMNS:
        raise ValueError(f"level must be one of {', '.join(MOVER_LEVELS)}, not '{level}'")
    return _LEVEL_COLUMNS[level]


def movers_list(lsoas: pd.DataFrame, level: str) -> pd.DataFrame:
    """The LSOAs that entered, left or could not be classified, with the area of ``level`` they lie in.

    Raises
    ------
    ValueError
        For an unknown level, or 'pcn' (with the reason).
    """
    code, name = _check_level(level)
    moved = lsoas[lsoas["movement"].isin(MOVEMENTS)]
    out = moved.rename(columns={code: "area_code", name: "area_name"})
    order = {m: i for i, m in enumerate(MOVEMENTS)}
    out = out.assign(_order=out["movement"].map(order)).sort_values(["area_name", "_order", "lsoa_code"])
    return out[list(LIST_COLUMNS)].reset_index(drop=True)


def movers_summary(lsoas: pd.DataFrame, level: str) -> pd.DataFrame:
    """Counts of LSOAs and residents entering and leaving the Core20 per area of ``level``, unchanged LSOAs apart
    from changed ones (split, merged or irregular), and those not classified.

    Returns
    -------
    DataFrame
        :data:`SUMMARY_COLUMNS`, one row per area (every area of the level, zeros where nothing moved).

    Raises
    ------
    ValueError
        For an unknown level, or 'pcn' (with the reason).
    """
    code, name = _check_level(level)
    frame = lsoas.assign(changed=lsoas["boundary_change"] != "unchanged")
    rows = []
    for (area_code, area_name), group in frame.groupby([code, name], sort=True):
        row = {"area_code": area_code, "area_name": area_name, "lsoas": len(group)}
        for movement in ("entered", "left"):
            for changed, label in ((False, "unchanged"), (True, "changed")):
                part = group[(group["movement"] == movement) & (group["changed"] == changed)]
                row[f"{movement}_{label}_lsoas"] = len(part)
                row[f"{movement}_{label}_residents"] = int(part["residents"].sum())
        unclassified = group[group["movement"] == "not classified"]
        row["not_classified_lsoas"] = len(unclassified)
        row["not_classified_residents"] = int(unclassified["residents"].sum())
        rows.append(row)
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS)).sort_values("area_name").reset_index(drop=True)


def area_movers(db: Database, icb: Icb, area_code: str) -> pd.Series | None:
    """The movers summary of one place, district or ward (for the place profile), or None when the area is none of
    these (an ICB, a sub-ICB location, a footprint or a user-drawn area)."""
    lsoas = mover_lsoas(db, icb)
    for level, (code, _) in _LEVEL_COLUMNS.items():
        if area_code in set(lsoas[code]):
            summary = movers_summary(lsoas[lsoas[code] == area_code], level)
            return summary.iloc[0]
    return None


def _lsoa11_movements(lsoas: pd.DataFrame) -> pd.DataFrame:
    """The movement of each 2011 LSOA of the ICB, from the 2021 LSOA(s) it became: their movement when they all agree,
    otherwise 'not classified'; ``changed`` when any of them is not an unchanged LSOA."""
    links = (
        lsoas[["lsoa_code", "lsoa11_codes", "movement", "boundary_change"]]
        .assign(lsoa11_code=lsoas["lsoa11_codes"].str.split(" "))
        .explode("lsoa11_code")
    )
    grouped = links.groupby("lsoa11_code")
    out = pd.DataFrame(
        {
            "movements": grouped["movement"].nunique(),
            "movement": grouped["movement"].first(),
            "changed": grouped["boundary_change"].agg(lambda b: bool((b != "unchanged").any())),
        }
    )
    out.loc[out["movements"] > 1, "movement"] = "not classified"
    return out[["movement", "changed"]]


def pcn_movers(db: Database, icb: Icb) -> pd.DataFrame:
    """Registered patients of each PCN of the ICB living in LSOAs that entered or left the Core20 between IMD 2019
    and IMD 2025.

    PCNs have no boundaries, so a PCN's movers are its practices' registered patients (NHS Digital, 1 April 2020) by
    the 2011 LSOA they lived in. Each 2011 LSOA takes the movement of the 2021 LSOA(s) it became
    (:func:`mover_lsoas`); when these differ it is 'not classified'. Patients in 2011 LSOAs that are unchanged in
    2021 are reported apart from those in split, merged or irregular ones. Only PCNs all of whose practices have
    their whole list in the file (Blackburn with Darwen and East Lancashire practices) are counted; the others carry
    :data:`PCN_NOT_COVERED`. Counts from 1 to below the disclosure threshold are suppressed (NA); 0 is shown.
    See docs/methods.md#core20-movers-between-imd-2019-and-imd-2025.

    Returns
    -------
    DataFrame
        :data:`PCN_COLUMNS`, one row per PCN of the ICB, covered PCNs first; counts are nullable integers.

    References
    ----------
    .. [1] NHS Digital. Patients Registered at a GP Practice, April 2020 (gp-reg-pat-prac-lsoa-all).
       https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice/april-2020
    """
    movements = _lsoa11_movements(mover_lsoas(db, icb))
    patients = db.query("core20_movers_pcn_patients", icb=icb.code)
    rows = []
    for (pcn_code, pcn_name, practices, covered), group in patients.groupby(
        ["pcn_code", "pcn_name", "practices", "covered"], sort=False
    ):
        row: dict[str, object] = {
            "pcn_code": pcn_code,
            "pcn_name": pcn_name,
            "practices": int(practices),
            "coverage": "covered" if covered else PCN_NOT_COVERED,
        }
        if covered:
            lived = group.join(movements, on="lsoa11_code")
            row["registered_patients"] = int(lived["patients"].sum())
            for movement in ("entered", "left"):
                for changed, label in ((False, "unchanged"), (True, "changed")):
                    part = lived[(lived["movement"] == movement) & (lived["changed"] == changed)]
                    row[f"{movement}_{label}_patients"] = int(part["patients"].sum())
            row["not_classified_patients"] = int(lived.loc[lived["movement"] == "not classified", "patients"].sum())
            row["outside_icb_patients"] = int(lived.loc[lived["movement"].isna(), "patients"].sum())
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(PCN_COLUMNS))
    counts = [c for c in PCN_COLUMNS if c.endswith("patients")]
    out[counts] = out[counts].astype("Int64")
    # 0 is a structural zero (no neighbourhood of that kind holds any of the PCN's patients): shown, not hidden
    out[counts] = out[counts].mask((out[counts] > 0) & (out[counts] < config.SUPPRESSION_THRESHOLD))
    covered_first = out["coverage"] != "covered"
    return (
        out.assign(_order=covered_first)
        .sort_values(["_order", "pcn_name"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )
