"""QOF-recorded smoking 15+ (OHID Fingertips 91547) by GP practice and PCN, with published and computed limits."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from lsc_phm import config
from lsc_phm.cli import main
from lsc_phm.stats import wilson_ci


def _raw() -> pd.DataFrame:
    return pd.read_parquet(config.DATA_DIR / "raw" / "fingertips_91547_smoking_qof_15plus.parquet")


def test_practice_values_as_published_and_wilson_agrees_with_ohid(db):
    # P81005 Little Harwood Health Centre: 2022/23 14.50% (13.81-15.22; 1,390 / 9,584) as published by OHID;
    # 2023/24 1,358 / 9,834 = 13.81%, published without limits: Wilson limits computed here (13.14-14.51)
    rows = db.execute(
        "select period, value, lowercl, uppercl, numerator, denominator, ci_source "
        "from mart_indicator_values where indicator_id = 'smoking_qof_15plus' and area_code = 'P81005' "
        "order by period"
    ).set_index("period")
    published, computed = rows.loc["2022/23"], rows.loc["2023/24"]
    assert (published["numerator"], published["denominator"], published["ci_source"]) == (1390, 9584, "published")
    assert (round(published["lowercl"], 2), round(published["uppercl"], 2)) == (13.81, 15.22)
    assert (computed["numerator"], computed["denominator"], computed["ci_source"]) == (1358, 9834, "computed here")
    assert (round(computed["lowercl"], 2), round(computed["uppercl"], 2)) == (13.14, 14.51)
    # Computed-here Wilson limits agree with OHID's published ones on all 200 practices of 2022/23
    raw = _raw()
    practices = raw[(raw["Area Type"] == "GPs") & (raw["Time period"] == "2022/23")]
    assert len(practices) == 200
    limits = wilson_ci(practices["Count"], practices["Denominator"], 0.95)
    assert (100 * limits["lowercl"].to_numpy() - practices["Lower CI 95.0 limit"].to_numpy()).__abs__().max() < 0.001
    assert (100 * limits["uppercl"].to_numpy() - practices["Upper CI 95.0 limit"].to_numpy()).__abs__().max() < 0.001


def test_pcn_is_the_sum_of_all_its_practices(db, capsys):
    status = main(["table", "smoking_qof_15plus", "--level", "pcn", "--period", "2022/23"])
    pcns = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("area_code")
    assert status == 0 and len(pcns) == 42  # PCNs whose every practice has a 2022/23 value
    members = db.execute(
        "select distinct practice_code from stg_qof__prevalence where period = '2022-23' and pcn_code = 'U25520'"
    )["practice_code"]
    raw = _raw()
    rows = raw[(raw["Time period"] == "2022/23") & raw["Area Code"].isin(members)]
    assert len(rows) == len(members)
    row = pcns.loc["U25520"]  # Mid Furness PCN
    assert (row["numerator"], row["denominator"]) == (rows["Count"].sum(), rows["Denominator"].sum())
    assert row["value"] == round(100 * rows["Count"].sum() / rows["Denominator"].sum(), 1)
    assert "computed here" in row["comparison_basis"] or "Wilson" in row["method"]


def test_local_authorities_and_england_by_decile(db, icb2019):
    from lsc_phm.domain import indicator_data

    # Blackpool UA 2022/23: 22.97% (22.76-23.18), OHID "Worse" than England 14.71%
    table = indicator_data.values(db, icb2019, "smoking_qof_15plus", "district", "2022/23").set_index("area_code")
    blackpool = table.loc["E06000009"]
    assert (blackpool["value"], blackpool["lowercl"], blackpool["uppercl"]) == (23.0, 22.8, 23.2)
    assert blackpool["england_value"] == pytest.approx(14.7) and blackpool["comparison"] == "Worse"
    deciles = db.execute(
        "select count(distinct period) as periods, count(*) as n from mart_indicator_england_deciles "
        "where indicator_id = 'smoking_qof_15plus' and decile is not null"
    )
    assert deciles["n"][0] == 80


def test_icb_value_is_the_sum_of_all_its_practices(db, capsys):
    # OHID publishes 91547 for practices only. The ICB's 196 practices of 2023/24 all have counts in the file:
    # 235,318 current smokers of 1,552,440 patients 15+ = 15.158% (15.2%), Wilson 95% limits 15.10-15.21.
    raw = _raw()
    practices = raw[(raw["Area Type"] == "GPs") & (raw["Time period"] == "2023/24")]
    assert (len(practices), practices["Count"].sum(), practices["Denominator"].sum()) == (196, 235_318, 1_552_440)
    status = main(["table", "smoking_qof_15plus", "--level", "icb"])
    icb = pd.read_csv(io.StringIO(capsys.readouterr().out)).iloc[0]
    assert status == 0 and icb["area_code"] == "E54000048" and icb["period"] == "2023/24"
    assert (icb["numerator"], icb["denominator"], icb["value"]) == (235_318, 1_552_440, 15.2)
    assert (icb["lowercl"], icb["uppercl"]) == (15.1, 15.2)
    assert icb["method"].startswith("computed here from OHID's practice counts summed")
    assert "all 196 practices summed" in icb["value_note"]
    assert icb["comparison_basis"] == "not compared: no England value for this period"  # England held to 2022/23
    # 2022/23: 242,434 / 1,533,910 = 15.80% (200 practices), England 14.71%: its interval (15.75-15.86) lies above
    status = main(["table", "smoking_qof_15plus", "--level", "icb", "--period", "2022/23"])
    earlier = pd.read_csv(io.StringIO(capsys.readouterr().out)).iloc[0]
    assert (earlier["numerator"], earlier["value"], earlier["comparison"]) == (242_434, 15.8, "Worse")
