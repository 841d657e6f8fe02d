"""Core20PLUS5 delivery: every clinical area with its status, SMI physical health checks, childhood vaccination and
hypertension control by deprivation, pinned to figures worked by hand from the source files (data/raw)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from lsc_phm.cli import main
from lsc_phm.domain import core20plus5 as registry
from lsc_phm.views import core20plus5, core20plus5_delivery

#: Status of each clinical area: the 5 adult areas have loaded indicators; of the children's, only oral health (tooth
#: decay at 5, Fingertips 93563) does; asthma, diabetes, epilepsy and mental health have only adult registers as
#: proxies, and each has an open publisher (OHID Fingertips, RCPCH NPDA, RCPCH Epilepsy12, NHS England MHSDS).
EXPECTED_STATUS = {
    "Maternity": "indicators loaded",
    "Severe mental illness": "indicators loaded",
    "Chronic respiratory disease": "indicators loaded",
    "Early cancer diagnosis": "indicators loaded",
    "Hypertension case-finding": "indicators loaded",
    "Asthma": "published, not loaded here",
    "Diabetes": "published, not loaded here",
    "Epilepsy": "published, not loaded here",
    "Oral health": "indicators loaded",
    "Mental health": "published, not loaded here",
    "Smoking cessation": "indicators loaded",
}


@pytest.fixture(scope="module")
def card(db, icb2025):
    return core20plus5.scorecard(db, icb2025)


def test_status_of_each_clinical_area_and_no_open_data_only_without_a_publisher():
    table = registry.status_table()
    assert dict(zip(table["clinical_area"], table["status"], strict=True)) == EXPECTED_STATUS
    assert list(table["group"]).count(registry.ADULTS) == 5 and list(table["group"]).count(registry.CHILDREN) == 5
    for area in registry.CLINICAL_AREAS:
        if area.published:
            assert area.status != registry.NO_OPEN_DATA and "no open data" not in area.status_text.lower()
            assert area.published[0].url.startswith("https://") and area.published[0].publisher
    diabetes = table[table["clinical_area"] == "Diabetes"].iloc[0]
    assert (diabetes["publisher"], diabetes["adult_proxies"]) == ("RCPCH", "Diabetes (17+): QOF recorded prevalence")


def test_scorecard_shows_all_ten_areas_adult_first_with_proxies_labelled_and_every_blank_explained(card):
    order = list(dict.fromkeys(card["clinical_area"]))
    assert order[:10] == [
        "Maternity",
        "Severe mental illness",
        "Chronic respiratory disease",
        "Early cancer diagnosis",
        "Hypertension case-finding",
        "Asthma",
        "Diabetes",
        "Epilepsy",
        "Oral health",
        "Mental health",
    ]
    assert order[10:] == ["Smoking cessation", core20plus5.VACCINATION_AREA]
    status_rows = card[card["row_kind"] == "status"]
    assert list(status_rows["clinical_area"]) == ["Asthma", "Diabetes", "Epilepsy", "Mental health"]
    assert status_rows["indicator"].str.startswith("published, not loaded here: ").all()
    # adult registers under children's areas are flagged as proxies; the same register under an adult area is not
    asthma = card[card["indicator_id"] == "qof_ast"].drop_duplicates("clinical_area").set_index("clinical_area")
    assert bool(asthma.loc["Asthma", "proxy"]) and not bool(asthma.loc["Chronic respiratory disease", "proxy"])
    assert set(card.loc[card["proxy"], "indicator_id"]) == {"qof_ast", "qof_dm", "qof_ep", "qof_dep"}
    blanks = card[(card["row_kind"] == "indicator") & card["value"].isna()]
    assert blanks["blank_reason"].str.len().gt(0).all()
    # 13 columns: the ICB, 4 places (not the 3-LSOA North Yorkshire part), 8 sub-ICB locations
    assert card[card["indicator_id"] == "qof_hyp"].drop_duplicates("area_code").shape[0] == 13


def test_smi_health_checks_icb_england_and_blackpool(db, icb2025, card):
    """NHS England SMI health checks, Q4 2023-24 (All6PHC / SMIRegister): QE1's 8 sub-ICB locations sum to 11,916 /
    18,301 = 65.11%; Wilson 95%: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n) = 64.42 to 65.80. England, every
    row of the quarter: 361,210 / 527,556 = 68.47%, outside the ICB's interval, so the ICB is worse. Blackpool (00R)
    1,607 / 2,657 = 60.48% (Wilson 58.61 to 62.32); Blackpool place = its one sub-ICB location."""
    smi = core20plus5_delivery.smi_health_checks(db, icb2025)
    assert smi.period == "2023/24 Q4"
    rows = smi.by_level.set_index(["level", "area_name"])
    icb = rows.loc[("ICB", icb2025.name)]
    assert (icb["numerator"], icb["denominator"]) == (11916, 18301)
    # shown to the registry's 1 decimal
    assert (icb["value"], icb["lowercl"], icb["uppercl"]) == (65.1, 64.4, 65.8)
    assert icb["england_value"] == 68.5 and icb["comparison"] == "Worse"
    blackpool = rows.loc[("Sub-ICB location", "Blackpool (00R)")]
    assert (blackpool["numerator"], blackpool["denominator"]) == (1607, 2657)
    assert (blackpool["value"], blackpool["lowercl"], blackpool["uppercl"]) == (60.5, 58.6, 62.3)
    assert rows.loc[("Place", "Blackpool"), "value"] == 60.5
    # Morecambe Bay (01K) spans Lancashire and South Cumbria: neither place gets a sum
    assert pd.isna(rows.loc[("Place", "Lancashire"), "value"])
    assert pd.isna(rows.loc[("Place", "South Cumbria"), "value"])
    cells = card[(card["indicator_id"] == "smi_health_checks") & (card["area_name"] == "South Cumbria")]
    assert cells["blank_reason"].iloc[0] == core20plus5.BLANK_NOT_NESTED
    # 22 quarters for the ICB; Q1 2023-24 carries the corrected-quarter caution
    icb_trend = smi.trend[~smi.trend["is_england"]]
    assert len(icb_trend) == 22
    assert icb_trend.set_index("period").loc["2023/24 Q1", "value_note"].startswith("NHS England later revised")
    assert smi.recent_trend.startswith(("Increasing", "Decreasing", "No significant change"))
    assert any("Experimental statistics" in c for c in smi.caveats)


def test_vaccination_blackpool_mmr2_england_target_and_cumbria_label(db, icb2025):
    """COVER Q4 2024-25, Table 10: Blackpool (ODS 325) 5y MMR2 376 / 431 = 87.24% (Wilson 83.76 to 90.06); England =
    the 151 authorities summed, 132,576 / 156,828 = 84.54%, inside Blackpool's interval (similar); the whole interval
    is below 95%, so below the target. Cumbria (ODS 102) is the former county: 1,101 / 1,163 = 94.67%."""
    table = core20plus5_delivery.vaccination(db, icb2025)
    mmr2 = table[table["indicator_id"] == "vacc_mmr2_5y"].set_index("area_name")
    blackpool = mmr2.loc["Blackpool"]
    assert (blackpool["numerator"], blackpool["denominator"]) == (376, 431)
    assert (blackpool["value"], blackpool["lowercl"], blackpool["uppercl"]) == (87.2, 83.8, 90.1)  # 1 decimal
    assert blackpool["england_value"] == 84.5 and blackpool["comparison"] == "Similar"
    assert blackpool["target_comparison"] == "Below the target"
    assert set(mmr2.index) == {"Lancashire", "Blackburn with Darwen", "Blackpool", "Cumbria (former county, whole)"}
    assert not any("South Cumbria" in name for name in table["area_name"])
    assert mmr2.loc["Cumbria (former county, whole)", "value"] == 94.7
    assert "only part of it lies in this ICB" in mmr2.loc["Cumbria (former county, whole)", "value_note"]
    assert set(table["indicator_id"]) == {"vacc_dtap_ipv_hib_hepb_12m", "vacc_mmr1_24m", "vacc_mmr2_5y"}


def test_target_comparison_uses_the_whole_interval():
    # the Fingertips single-interval rule with the target as the benchmark
    assert core20plus5_delivery.target_comparison(96.0, 95.2, 96.7, 95.0) == "Above the target"
    assert (
        core20plus5_delivery.target_comparison(94.7, 93.2, 95.8, 95.0) == "Not significantly different from the target"
    )
    assert core20plus5_delivery.target_comparison(float("nan"), 1.0, 2.0, 95.0) == "Not compared (no interval)"


def test_hypertension_control_england_sii_from_counts(db, icb2025):
    """CVDP007HYP, England by IMD quintile (to March 2026): 71.86% (Q1, most deprived) to 75.86% (Q5). Weighted least
    squares of the five percentages on the ridits (weights = denominators / 9,464,559; B = 0.0944, 0.2878, 0.4899,
    0.6970, 0.9006) gives intercept 71.630 and slope 4.768, so SII (most minus least deprived) = -4.768 points and
    RII (most / least) = 71.630 / 76.398 = 0.9376."""
    result = core20plus5_delivery.hypertension_by_deprivation(db, icb2025)
    row = result.england_inequality.iloc[0]
    assert row["sii"] == pytest.approx(-4.768, abs=0.001) and row["rii"] == pytest.approx(0.9376, abs=0.0001)
    assert row["sii_lowercl"] < row["sii"] < row["sii_uppercl"] < 0
    assert row["sii_limit_mad"] < 0.01  # the simulated limits are stable across 10 runs
    assert list(result.england_control["value"]) == [71.86, 73.24, 74.05, 74.91, 75.86]
    assert result.local is not None and len(result.local.table) == 5
    with pytest.raises(ValueError, match="IMD quintile 1 to 5"):
        core20plus5_delivery.england_inequality(result.england_control.iloc[:4])


@pytest.mark.parametrize(
    "indicator_id, level, area, value",
    [("smi_health_checks", "sicbl", "Blackpool (00R)", 60.5), ("vacc_mmr2_5y", "utla", "Blackpool", 87.2)],
)
def test_cli_table_at_sub_icb_and_upper_tier_level(db, capsys, indicator_id, level, area, value):
    status = main(["table", indicator_id, "--level", level, "--imd", "2025"])
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert status == 0
    assert frame.set_index("area_name").loc[area, "value"] == pytest.approx(value, abs=0.05)
