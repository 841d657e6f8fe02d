"""The command line: outputs, and one-line errors with a non-zero exit for bad arguments."""

from __future__ import annotations

import io

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
    assert places["area_name"].tolist() == ["Blackpool", "Blackburn with Darwen", "Lancashire", "South Cumbria",
                                            "North Yorkshire (part)"]
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


@pytest.mark.parametrize(("args", "message"), [
    (["table", "no_such_indicator", "--level", "lad"], "unknown indicator 'no_such_indicator'"),
    (["table", "hle_male", "--level", "ward"], "has no values at level 'ward'"),
    (["table", "smoking_adults", "--level", "lad", "--period", "1990"], "period '1990' not available"),
    (["--icb", "ZZZ", "deprivation", "--level", "place"], "unknown ICB code 'ZZZ'"),
    (["deprivation", "--imd", "2020", "--level", "lad"], "invalid choice: 2020"),
    (["deprivation", "--level", "county"], "invalid choice: 'county'"),
])
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
