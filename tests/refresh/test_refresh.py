"""Refreshing from the publishers, against the replay server: a new period, a revision, and every kind of refusal."""

from __future__ import annotations

import duckdb
import pytest

from lsc_phm import cli
from lsc_phm.domain import geography
from lsc_phm.refresh import Fetcher, RefreshError, refresh
from lsc_phm.store import build, datasets, integrity
from lsc_phm.store.db import open_database
from lsc_phm.views import catalogue, place_profile, place_profile_figures
from tests.refresh.conftest import snapshot
from tests.refresh.replay import REPLAY_UPLOAD


@pytest.mark.slow  # a real refresh: downloads converted, validated and a database built
def test_new_period_is_shown_then_swapped_in_and_served(replay, workspace, capsys):
    # The replay adds "2024 - 26" to Fingertips 90366 by copying "2023 - 25" with values + 0.2: Blackburn with
    # Darwen's male life expectancy 76.6 (vendored, 2023 - 25) becomes 76.8 in the new period. 297 areas x 2 sexes
    # = 594 new rows (5,516 -> 6,110).
    replay.scenario = {"new_period": {90366: "2024 - 26"}}
    before = integrity.file_sha256(workspace["database"])
    assert cli.main(["refresh", "fingertips"]) == 0
    out = capsys.readouterr().out
    assert "fingertips_90366_life_expectancy: 5,516 -> 6,110 rows (594 added, 0 removed)" in out
    assert "  new periods: 2024 - 26" in out
    assert "fingertips_92443_smoking_adults: no change (4,587 rows)" in out
    assert out.index("new periods") < out.index("building and verifying") < out.index("swapped in")
    assert integrity.file_sha256(workspace["database"]) != before
    assert integrity.database_problem(workspace["database"]) is None
    assert not build.is_stale(workspace["database"])  # data/ and the database agree after the swap
    assert not (workspace["data"] / "staging").exists()
    db = open_database(workspace["database"])
    try:
        icb = geography.resolve_icb(db, "E54000048", 2025)
        area = place_profile.resolve_area(db, icb, "E06000008")
        figure = place_profile_figures.indicator_figures(db, icb, area, ("le_male",)).iloc[0]
        assert (figure["period"], figure["value"], figure["previous_period"]) == ("2024 - 26", 76.8, "2023 - 25")
        sources = catalogue.sources(db).set_index("dataset")
        assert sources.loc["fingertips_90366_life_expectancy", "release"] == REPLAY_UPLOAD[:10]
        assert sources.loc["fingertips_90366_life_expectancy", "origin"] == "refreshed from the publisher"
        assert sources.loc["fingertips_90366_life_expectancy", "period"] == "2015 - 17 to 2024 - 26"
        assert sources.loc["fingertips_92443_smoking_adults", "origin"] == "vendored snapshot"
        assert "release 2026-12-01, retrieved" in catalogue.release_note(db, ("fingertips_90366_life_expectancy",))
    finally:
        db.close()
    assert cli.main(["sources"]) == 0
    table = capsys.readouterr().out
    assert "fingertips_90366_life_expectancy," in table and ",2026-12-01," in table


@pytest.mark.slow  # a real refresh: downloads converted, validated and a database built
def test_revised_value_is_counted_with_the_largest(replay, workspace):
    # Blackburn with Darwen, male, 2023 - 25: 76.6 vendored, replayed as 77.9, a revision of +1.3. --check builds
    # nothing, so the database and data files keep their SHA-256.
    replay.scenario = {"revise": (90366, "E06000008", "Male", "2023 - 25", 77.9)}
    before = snapshot(workspace)
    result = refresh(["fingertips"], check_only=True, fetcher=Fetcher(timeout=10))
    found = {d.dataset: d for d in result.diffs}["fingertips_90366_life_expectancy"]
    assert (found.revised, found.new_periods, found.areas_added, found.areas_removed) == (1, [], [], [])
    assert found.largest.key == "E06000008 / 2023 - 25 / Life expectancy at birth / Male"
    assert found.largest.change == pytest.approx(1.3)
    assert "  revised values: 1; largest +1.3 at E06000008 / 2023 - 25" in "\n".join(found.lines())
    assert [d.dataset for d in result.changed] == ["fingertips_90366_life_expectancy"]
    assert not result.swapped and snapshot(workspace) == before


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (
            {"rename": ("Value", "Value (provisional)")},
            "no column 'Value' (renamed: 'Value' -> 'Value (provisional)'?)",
        ),
        ({"drop": "Compared to England value or percentiles"}, "has no column 'Compared to England value"),
        ({"truncate": True}, "truncated"),
        ({"delay": 3}, "timeout"),
        ({"status": 500}, "answered HTTP 500"),
    ],
    ids=["renamed column", "dropped column", "truncated download", "timeout", "server error"],
)
def test_refused_refresh_changes_nothing(replay, workspace, scenario, message):
    replay.scenario = scenario
    before = snapshot(workspace)
    with pytest.raises(RefreshError) as caught:
        refresh(["fingertips"], fetcher=Fetcher(timeout=1))
    assert message in str(caught.value)
    assert str(caught.value).endswith("Nothing was replaced: the last good database keeps serving")
    assert snapshot(workspace) == before  # database SHA-256 and every data file unchanged
    assert not (workspace["data"] / "staging").exists()


def test_catalogue_validation_refuses_a_code_of_the_wrong_form(replay, workspace, capsys):
    # The adapter passes the file through; data/datasets.toml's practice code pattern ^[A-Z][0-9A-Z][0-9]{4}$ refuses
    # it, exactly as a build would, before any comparison or build.
    replay.scenario = {"bad_code": "NOT-A-CODE"}
    before = snapshot(workspace)
    assert cli.main(["refresh", "practice_map"]) == 1
    error = capsys.readouterr().err
    assert "refused: data files do not match data/datasets.toml" in error
    assert "column 'PRACTICE_CODE' holds 'NOT-A-CODE', not a GP practice (ODS) code" in error
    assert snapshot(workspace) == before


def test_unknown_source_is_a_clear_error(workspace, capsys):
    assert cli.main(["refresh", "qoff"]) == 2
    assert (
        capsys.readouterr().err.strip() == "error: unknown source 'qoff'; "
        "refreshable sources: fingertips, ons_els, qof, practice_map, cover, cvdprevent"
    )


@pytest.mark.slow  # a real refresh: downloads converted, validated and a database built
def test_unchanged_publishers_reproduce_the_vendored_files(replay, workspace):
    # Replayed as published, every adapter's conversion gives back the vendored file exactly (same keys, values and
    # row counts), passes the catalogue's checks, and nothing is built.
    before = snapshot(workspace)
    result = refresh([], check_only=True, fetcher=Fetcher(timeout=10))
    assert sorted(d.dataset for d in result.diffs) == sorted(
        [
            "fingertips_90366_life_expectancy",
            "fingertips_90362_healthy_life_expectancy",
            "fingertips_92901_inequality_in_le",
            "fingertips_92443_smoking_adults",
            "fingertips_92445_smoking_routine_manual",
            "fingertips_93563_dental_decay_5yo",
            "fingertips_91112_health_checks",
            "fingertips_848_depression_prevalence",
            "ons_els_healthy_life_expectancy",
            "ons_els_cancer_stage_1_2",
            "ons_els_preventable_cvd_mortality",
            "ons_els_cigarette_smokers",
            "qof_2024_25_prevalence",
            "gp_practice_map_jul2026",
            "cover_2024_25_q4_utla",
            "cvdprevent_england_imd_quintile",
        ]
    )
    assert result.changed == [] and not result.swapped
    rows = {d.dataset: d.rows_after for d in result.diffs}
    assert (rows["qof_2024_25_prevalence"], rows["gp_practice_map_jul2026"], rows["ons_els_cigarette_smokers"]) == (
        129948,
        6139,
        756,
    )
    # COVER comes from UKHSA's own Q4 2024-25 ODS (tests/refresh/fixtures): its Table 10 is the vendored file, 151
    # authorities x 38 columns, cell for cell; CVDPREVENT: 4 indicators x 5 quintiles.
    assert (rows["cover_2024_25_q4_utla"], rows["cvdprevent_england_imd_quintile"]) == (151, 20)
    assert snapshot(workspace) == before


@pytest.mark.slow  # a real refresh: downloads converted, validated and a database built
def test_failed_build_keeps_the_last_good_database(replay, workspace, monkeypatch):
    # The downloads pass every check but the build step fails (as a broken SQL step would): the refresh stops
    # before the swap and before any file is moved into data/.
    def failing_build(*args, **kwargs):
        raise datasets.BuildError("04_mart_indicator_values.sql failed: Binder Error: column not found")

    monkeypatch.setattr(build, "_build_into", failing_build)
    replay.scenario = {"new_period": {90366: "2024 - 26"}}
    before = snapshot(workspace)
    with pytest.raises(RefreshError) as caught:
        refresh(["fingertips"], fetcher=Fetcher(timeout=10))
    assert "the new database could not be built (04_mart_indicator_values.sql failed" in str(caught.value)
    assert snapshot(workspace) == before
    assert not (workspace["data"] / "releases.json").exists()


def test_practice_moved_to_another_pcn_is_a_code_change(replay, workspace):
    # The replay moves the first practice of the vendored mapping file to another PCN code: one row, one column.
    replay.scenario = {"move_practice": "U99999"}
    result = refresh(["practice_map"], check_only=True, fetcher=Fetcher(timeout=10))
    found = result.diffs[0]
    assert found.dataset == "gp_practice_map_jul2026" and found.changed_columns == {"PCN_CODE": 1}
    assert "  codes and labels changed: PCN_CODE (1 rows)" in found.lines()
    assert (found.rows_added, found.rows_removed, found.revised) == (0, 0, 0)


def _rows(workspace, sql: str) -> list[tuple]:
    con = duckdb.connect(str(workspace["database"]), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.slow  # builds and swaps a database (about 40 s on 2 cores)
def test_cover_revision_of_the_quarter_held_is_swapped_in_with_its_version(replay, workspace, capsys):
    # A re-issued Q4 2024-25 file with Blackpool's (ODS 325) 5-year MMR2 numerator changed from 376 to 380: one cell.
    # The release recorded is the file's own Revision_History (version 1, 2025-06-26).
    replay.scenario = {"cover_revise": ("325", "5y_MMR2_Boo_Num", "380")}
    assert cli.main(["refresh", "cover"]) == 0
    out = capsys.readouterr().out
    assert "cover_2024_25_q4_utla: 151 -> 151 rows (0 added, 0 removed)" in out
    assert "  codes and labels changed: 5y_MMR2_Boo_Num (1 rows)" in out
    assert "swapped in" in out
    row = _rows(
        workspace,
        "select numerator, denominator, period from stg_cover__vaccination where cover_code = "
        "'325' and indicator_id = 'vacc_mmr2_5y'",
    )
    assert row == [(380.0, 431.0, "2024/25 Q4")]
    db = open_database(workspace["database"])
    try:
        sources = catalogue.sources(db).set_index("dataset")
        assert sources.loc["cover_2024_25_q4_utla", "release"] == "2025-06-26"
        assert sources.loc["cover_2024_25_q4_utla", "period"] == "FY2024_25_Q4 (January to March 2025)"
    finally:
        db.close()


def test_cover_file_of_another_quarter_is_refused(replay, workspace):
    # The catalogue's data set is Q4 2024-25; a file for Q1 2025-26 is a new vendored data set, not a refresh.
    replay.scenario = {"cover_quarter": "FY2025_26_Q1"}
    before = snapshot(workspace)
    with pytest.raises(RefreshError) as caught:
        refresh(["cover"], fetcher=Fetcher(timeout=10))
    assert "holds FY2025_26_Q1, not FY2024_25_Q4: a new COVER quarter comes in as a new vendored data set" in str(
        caught.value
    )
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    ("source", "scenario", "message"),
    [
        (
            "cover",
            {"rename": ("24m_MMR1_Num", "24m_MMR1_Numerator")},
            "has no column '24m_MMR1_Num' (renamed: '24m_MMR1_Num' -> '24m_MMR1_Numerator'?)",
        ),
        (
            "cvdprevent",
            {"rename": ("Numerator", "NumeratorCount")},
            "has no column 'Numerator' (renamed: 'Numerator' -> 'NumeratorCount'?)",
        ),
        ("cvdprevent", {"truncate": True}, "truncated"),
    ],
    ids=["cover renamed column", "cvdprevent renamed field", "cvdprevent truncated"],
)
def test_new_adapters_refuse_a_changed_format(replay, workspace, source, scenario, message):
    replay.scenario = scenario
    before = snapshot(workspace)
    with pytest.raises(RefreshError) as caught:
        refresh([source], fetcher=Fetcher(timeout=10))
    assert message in str(caught.value)
    assert snapshot(workspace) == before  # the database's SHA-256 and every data file unchanged


@pytest.mark.slow  # builds and swaps a database (about 40 s on 2 cores)
def test_cvdprevent_new_audit_period_replaces_the_one_held(replay, workspace, capsys):
    # The replay adds a later standard period, "To June 2026", whose values are the vendored ones + 0.5 (test values):
    # CVDP007HYP quintile 1 71.86 -> 72.36. The data set holds one period, so "To March 2026" is withdrawn.
    replay.scenario = {"cvd_new_period": ("To June 2026", 0.5)}
    assert cli.main(["refresh", "cvdprevent"]) == 0
    out = capsys.readouterr().out
    assert "  new periods: To June 2026" in out and "  periods withdrawn: To March 2026" in out
    assert replay.requests[:2] == [
        "/cvdprevent/timePeriod",
        "/cvdprevent/indicator/list?timePeriodID=901&systemLevelID=1",
    ]
    rows = _rows(
        workspace,
        "select period, value, numerator from stg_cvdprevent__england_quintiles where "
        "indicator_code = 'CVDP007HYP' and quintile = 1",
    )
    assert rows == [("To June 2026", pytest.approx(72.36), 1283637.0)]
    db = open_database(workspace["database"])
    try:
        assert (
            catalogue.sources(db).set_index("dataset").loc["cvdprevent_england_imd_quintile", "period"]
            == "To June 2026"
        )
    finally:
        db.close()


def test_readme_lists_every_data_set_once_with_the_adapter_that_refreshes_it():
    # README "Keeping the data current": the table of what refreshes and what is a fixed release names each of the
    # 52 data sets of data/datasets.toml exactly once, with the adapter the registry gives it ("fixed" for none).
    import re
    import tomllib
    from pathlib import Path

    from lsc_phm.refresh import source_of

    root = Path(__file__).resolve().parents[2]
    keys = [
        k for k in tomllib.loads((root / "data" / "datasets.toml").read_text(encoding="utf-8")) if not k.startswith("_")
    ]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**What is a fixed release.**") : readme.index("What a refresh does, in order:")]
    listed: list[tuple[str, str]] = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            listed += [(name, cells[1].strip("`")) for name in re.findall(r"`([a-z0-9_]+)`", cells[0])]
    assert len(keys) == 53
    assert sorted(name for name, _ in listed) == sorted(keys)
    assert {name: by for name, by in listed} == {key: source_of(key) or "fixed" for key in keys}
