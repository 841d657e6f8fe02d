"""The command line: outputs, and one-line errors with a non-zero exit for bad arguments."""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lsc_phm.cli import main
from lsc_phm.domain.deprivation import SUMMARY_COLUMNS


def _run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_deprivation_lad_lists_every_english_district(db, capsys) -> None:
    status, out, _ = _run(capsys, "deprivation", "--imd", "2019", "--level", "lad")
    frame = pd.read_csv(io.StringIO(out))
    assert status == 0
    assert tuple(frame.columns) == SUMMARY_COLUMNS
    assert len(frame) == 317
    blackpool = frame.set_index("area_code").loc["E06000009"]
    # File 10 (IoD2019): Blackpool average score 45.039, rank 1 of 317; 39/94 LSOAs in decile 1 = 41.49%.
    assert (blackpool.avg_score, blackpool.avg_score_rank, blackpool.lsoas) == (45.039, 1, 94)
    assert blackpool.pct_lsoas_most_deprived_10 == 41.49


def test_deprivation_2025_lad_uses_published_file10(db, capsys) -> None:
    status, out, _ = _run(capsys, "deprivation", "--imd", "2025", "--level", "lad")
    frame = pd.read_csv(io.StringIO(out)).set_index("area_code")
    assert status == 0 and len(frame) == 296
    # IoD2025 File 10: Blackpool average score 43.467 (rank 1), average rank 26536.86 (rank 1).
    assert (frame.loc["E06000009", "avg_score"], frame.loc["E06000009", "avg_score_rank"]) == (43.467, 1)
    assert frame.loc["E06000009", "avg_rank"] == 26536.86


def test_deprivation_place_and_ward_list_the_icb_areas(db, capsys) -> None:
    status, out, _ = _run(capsys, "deprivation", "--imd", "2019", "--level", "place")
    places = pd.read_csv(io.StringIO(out))
    assert status == 0
    assert places["area_name"].tolist() == [
        "Blackpool",
        "Blackburn with Darwen",
        "Lancashire",
        "South Cumbria",
        "North Yorkshire (part)",
    ]
    status, out, _ = _run(capsys, "deprivation", "--imd", "2019", "--level", "ward")
    assert status == 0 and len(pd.read_csv(io.StringIO(out))) == 320  # 316 wards + 4 touching Copeland/Craven
    status, out, _ = _run(capsys, "deprivation", "--imd", "2025", "--level", "icb")
    icb = pd.read_csv(io.StringIO(out))
    assert status == 0 and icb["area_code"].tolist() == ["E54000048"]


def test_table_prints_values_with_cis(db, capsys) -> None:
    status, out, _ = _run(capsys, "table", "qof_hyp", "--level", "sicbl", "--period", "2022-23")
    frame = pd.read_csv(io.StringIO(out)).set_index("area_code")
    assert status == 0 and len(frame) == 8
    assert frame.loc["E38000015", "value"] == 18.36  # Blackpool sub-ICB, QOF 2022-23 (SOURCES.md)
    assert frame.loc["E38000015", "lowercl"] < 18.36 < frame.loc["E38000015", "uppercl"]
    assert frame.loc["E38000015", "comparison"] == "Higher"  # England 14.42%


def test_indicators_lists_the_registry(capsys) -> None:
    status, out, _ = _run(capsys, "indicators")
    frame = pd.read_csv(io.StringIO(out))
    assert status == 0 and {"imd_score", "qof_hyp", "hle_male"} <= set(frame["id"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["table", "no_such_indicator", "--level", "lad"], "unknown indicator 'no_such_indicator'"),
        (["table", "hle_male", "--level", "ward"], "has no values at level 'ward'"),
        (["table", "smoking_adults", "--level", "lad", "--period", "1990"], "period '1990' not available"),
        (["--icb", "ZZZ", "deprivation", "--level", "place"], "unknown ICB code 'ZZZ'"),
        (["deprivation", "--imd", "2020", "--level", "lad"], "invalid choice: 2020"),
        (["deprivation", "--level", "county"], "invalid choice: 'county'"),
    ],
)
def test_bad_arguments_give_one_line_error(db, capsys, args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) if "invalid choice" in message else _no_raise() as exc:
        status = main(args)
    captured = capsys.readouterr()
    if "invalid choice" in message:
        status = exc.value.code
    assert status == 2
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert len(captured.err.strip().splitlines()) == 1


class _no_raise:
    def __enter__(self):
        return None

    def __exit__(self, *exc_info):
        return False


# --- Hostile arguments and environment: one line on stderr, never a traceback ---------------------------------------

ROOT = Path(__file__).resolve().parents[1]
LONG_PATH = "/tmp/" + "x" * 10_000


def _cli(*args: str, env: dict[str, str] | None = None, shell_redirect: str = "") -> subprocess.CompletedProcess:
    """Run ``python -m lsc_phm`` in a shell (for redirections such as ``>&-``), capturing stderr."""
    command = " ".join(shlex.quote(part) for part in [sys.executable, "-m", "lsc_phm", *args])
    return subprocess.run(
        f"{command} {shell_redirect}",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


def _one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        # "utla": Blackburn with Darwen and Blackpool are unitary, so their district values are upper-tier values too
        (
            ["table", "imd_score", "--level", "practice", "--imd", "2019"],
            2,
            "indicator 'imd_score' has no values at level 'practice'; "
            "levels: lsoa, msoa, ward, district, utla, place, sicbl, icb",
        ),
        (
            ["table", "qof_hyp", "--level", "practice", "--period", "2099-00"],
            2,
            "period '2099-00' not available for 'qof_hyp' at level 'practice'; periods: 2024-25, 2022-23",
        ),
        (
            ["table", "qof_hyp", "--level", "pcn", "--period", "' OR 1=1 --"],
            2,
            "period '' OR 1=1 --' not available for 'qof_hyp' at level 'pcn'; periods: 2024-25, 2022-23",
        ),
        (["table", "smoking_adults", "--level", "lad", "--period", "x" * 10_000], 2, "period 'xxxxxxxx"),
        (["briefing", "--area", "E06000009", "--out", "README.md"], 2, "--out README.md is a file, not a folder"),
        (["briefing", "--area", "E06000009", "--out", "/dev/null"], 2, "--out /dev/null is a file, not a folder"),
        (["briefing", "--area", "E06000009", "--out", "README.md/sub"], 2, "cannot be created: README.md is a file"),
        (["briefing", "--area", "E06000009", "--out", LONG_PATH], 2, "--out path is too long (10,005 characters)"),
        (["briefing", "--area", "E06000009", "--out", "/proc/x"], 1, "the briefing could not be written to /proc/x"),
    ],
)
def test_bad_arguments_in_process(db, capsys, args: list[str], status: int, message: str) -> None:
    assert main(args) == status
    captured = capsys.readouterr()
    line = _one_error_line(captured.err)
    assert message in line
    assert len(line) < 400  # a 10,000-character value is shortened, not echoed whole
    assert captured.out == ""


def test_practice_level_table_still_works(db, capsys) -> None:
    status, out, _ = _run(capsys, "table", "qof_hyp", "--level", "pcn", "--period", "2022-23")
    frame = pd.read_csv(io.StringIO(out))
    assert status == 0 and len(frame) > 0 and set(frame["period"]) == {"2022-23"}


@pytest.mark.parametrize(
    ("args", "env", "redirect", "status", "message"),
    [
        (["icbs"], {"LSC_PHM_DATABASE": "/tmp"}, "", 2, "the database path /tmp is a directory"),
        (
            ["icbs"],
            {"LSC_PHM_DATABASE": str(ROOT / "README.md" / "lsc_phm.duckdb")},
            "",
            2,
            "README.md is a file, not a folder; set LSC_PHM_DATABASE to a writable file path",
        ),
        (
            ["build"],
            {"LSC_PHM_DATABASE": "/tmp/" + "d" * 10_000 + "/lsc_phm.duckdb"},
            "",
            2,
            "cannot be used (File name too long)",
        ),
        (["indicators"], None, ">&-", 1, "standard output is closed"),
        (["indicators"], None, "> /dev/full", 1, "standard output could not be written (No space left on device)"),
        (["deprivation", "--level", "lad"], None, "> /dev/full", 1, "standard output could not be written"),
        (["deprivation", "--level", "county"], None, "", 2, "invalid choice: 'county'"),
    ],
)
def test_environment_and_output_faults(db, args, env, redirect, status, message) -> None:
    result = _cli(*args, env=env, shell_redirect=redirect)
    assert result.returncode == status, result.stderr
    assert message in _one_error_line(result.stderr)


def test_reader_closing_the_pipe_is_not_an_error(db) -> None:
    result = _cli("deprivation", "--level", "lad", shell_redirect="| head -n 1")
    assert result.stdout.startswith("area_code,area_name")
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "error:" not in result.stderr


def test_huge_icb_value_gives_one_bounded_line(db, capsys) -> None:
    assert main(["--icb", "Q" * 10_000, "deprivation", "--level", "place"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert line.startswith("error: unknown ICB code 'QQQQ")
    assert len(line) <= len("error: ") + 2000


def test_indicators_lists_every_registry_field(capsys) -> None:
    from lsc_phm import indicators

    status, out, _ = _run(capsys, "indicators")
    frame = pd.read_csv(io.StringIO(out), keep_default_na=False).set_index("id")
    assert status == 0
    for field in (
        "polarity",
        "unit",
        "value_type",
        "standardisation",
        "age",
        "sex",
        "sources",
        "period",
        "coverage",
        "licence",
        "ci_method",
        "publisher_comparison",
        "no_ci_reason",
    ):
        assert field in frame.columns, field
        assert (frame[field].astype(str) != "").all() or field == "no_ci_reason", field
    new = [i.id for i in indicators.HEALTH_OUTCOMES]
    assert set(new) <= set(frame.index)
    assert frame.loc["census_bad_health", "standardisation"] == "crude"
    assert frame.loc["falls_admissions_65plus", "standardisation"] == "age-standardised"
    assert frame.loc["modelled_ckd_prevalence", "no_ci_reason"].startswith("a modelled estimate")
    # every indicator without an interval says why
    assert (frame.loc[frame["ci_method"] == "none", "no_ci_reason"] != "").all()


@pytest.mark.slow  # every new indicator at every level through the CLI
def test_table_works_for_each_new_indicator_at_every_level(db, capsys) -> None:
    from lsc_phm import indicators
    from lsc_phm.domain import geography, indicator_data

    checked = 0
    for vintage in (2019, 2025):
        icb = geography.resolve_icb(db, "E54000048", vintage)
        table = pd.concat(
            [indicator_data.availability_table(db, icb), indicator_data.practice_availability_table(db, icb)],
            ignore_index=True,
        )
        for indicator in indicators.HEALTH_OUTCOMES:
            levels = list(indicator_data.availability(table, indicator.id).levels)
            for level in levels:
                status, out, err = _run(capsys, "table", indicator.id, "--level", level, "--imd", str(vintage))
                assert status == 0, (indicator.id, level, err)
                frame = pd.read_csv(io.StringIO(out))
                assert frame["value"].notna().any(), (indicator.id, level)
                assert {"comparison_basis", "standardisation", "value_note"} <= set(frame.columns)
                checked += 1
    assert checked >= 60
    # OHID's practice and PCN rows are reachable too (their periods are labelled '2022/23', not QOF's '2022-23')
    status, out, err = _run(capsys, "table", "diabetes_qof_fingertips", "--level", "practice", "--imd", "2019")
    assert status == 0, err
    assert pd.read_csv(io.StringIO(out))["value"].notna().sum() >= 10
    # an indicator at a level it does not have: one-line error naming the levels it has
    status, _, err = _run(capsys, "table", "census_bad_health", "--level", "practice", "--imd", "2025")
    assert status == 2 and "census_bad_health" in err


@pytest.mark.usefixtures("db")
def test_attention_lists_blackpool_children_in_low_income_families_as_worse_and_getting_worse(capsys) -> None:
    status, out, _ = _run(capsys, "attention", "--area", "blackpool")
    frame = pd.read_csv(io.StringIO(out)).set_index("indicator_id")
    assert status == 0
    # Fingertips 93701: 23.9% in 2022/23 (19.3% in 2021/22, intervals apart) against England's 15.6%
    row = frame.loc["children_absolute_low_income"]
    assert (row["group"], row["value"], row["comparator_value"]) == ("Worse and getting worse", 23.9, 15.6)
    assert frame["group"].iloc[0] == "Worse and getting worse"
    # OHID's five-point trend is "no significant change": both facts are said, in the words of the page and deck
    assert row["direction_basis"] == (
        "rose significantly in the latest year (19.3% to 23.9%, 95% intervals do not "
        "overlap); OHID's five-year trend: no significant change"
    )
    # (23.9 - 15.6) x 25,001 / 100 = 2,075.08 (1,882.58 to 2,255.09): whole people in the CSV
    assert '",2075,1883,2255,people,' in out and "2075.08" not in out
    status, _, err = _run(capsys, "attention", "--area", "blackpool", "--comparator", "nowhere")
    assert status == 2 and err.startswith("error: no indicator values are held for comparator 'nowhere'")
    status, out, err = _run(capsys, "attention", "--area", "blackpool", "--comparator", "neighbours", "--imd", "2025")
    assert status == 0 and "pooled (sum of numerators / sum of denominators" in err
    bad = pd.read_csv(io.StringIO(out)).set_index("indicator_id").loc["census_bad_health"]
    # pooled 208,367 / 2,745,737 = 7.59% (tests/views/test_attention.py); (9.133 - 7.5887) x 1,410.38 = 2,178
    assert (bad["comparator_value"], bad["people"], bad["rank_group"]) == (7.6, 2178, "highest of 16 similar areas")
    status, _, err = _run(capsys, "attention", "--area", "lancashire", "--comparator", "decile")
    assert status == 2 and "county" in err


@pytest.mark.usefixtures("db")
def test_attention_for_a_district_partly_in_the_icb_says_its_figures_are_whole(capsys) -> None:
    # Cumberland: 6 of its 177 LSOAs in the ICB; its list's population is the whole district's 273,252
    # (tests/views/test_attention_parts.py)
    status, out, err = _run(capsys, "attention", "--area", "E06000063")
    assert status == 0
    assert pd.read_csv(io.StringIO(out)).set_index("indicator_id").loc["population", "value"] == 273_252
    assert "note: Cumberland is only partly in this ICB (6 of its LSOAs); every figure here is the whole" in err
    status, _, err = _run(capsys, "attention", "--area", "blackpool")
    assert status == 0 and "only partly" not in err
