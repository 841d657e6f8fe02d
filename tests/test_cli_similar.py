"""CLI: similar places and Core20 movers."""

from __future__ import annotations

import io

import pandas as pd

from lsc_phm.cli import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_similar_gives_15_authorities_with_distances(db, capsys) -> None:
    status, out, err = _run(capsys, "similar", "--area", "blackpool")
    assert status == 0
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == ["code", "name", "distance", "rank"] and len(frame) == 15
    assert frame["name"].head(3).tolist() == ["Sunderland", "Liverpool", "Hartlepool"]  # see tests/domain
    assert frame["rank"].tolist() == list(range(1, 16)) and "weighted Euclidean" in err


def test_similar_decile_peers_and_unknown_area(db, capsys) -> None:
    status, out, err = _run(capsys, "similar", "--area", "E06000009", "--peers", "decile")
    assert status == 0 and len(pd.read_csv(io.StringIO(out))) == 29 and "IMD 2019 average score" in err
    status, _, err = _run(capsys, "similar", "--area", "Atlantis")
    assert status == 2 and "no English local authority" in err and "Traceback" not in err


def test_movers_by_place_lists_each_place_with_the_caveat(db, capsys) -> None:
    status, out, err = _run(capsys, "movers", "--level", "place")
    assert status == 0
    frame = pd.read_csv(io.StringIO(out))
    assert {"Blackburn with Darwen", "Blackpool", "Lancashire", "South Cumbria"} <= set(frame["area_name"])
    assert set(frame["movement"]) <= {"entered", "left", "not classified"}
    assert "not a time series" in err
    status, out, _ = _run(capsys, "movers", "--level", "place", "--summary")
    summary = pd.read_csv(io.StringIO(out)).set_index("area_name")
    assert summary.loc["Blackpool", "left_unchanged_residents"] == 7065  # tests/domain/test_core20_movers.py
    status, out, err = _run(capsys, "movers", "--level", "pcn")
    pcns = pd.read_csv(io.StringIO(out)).set_index("pcn_name")
    assert status == 0 and "not a time series" in err and "July 2026" in err
    darwen = pcns.loc["Darwen PCN"]  # tests/domain/test_core20_movers.py
    assert (darwen["entered_unchanged_patients"], darwen["left_unchanged_patients"]) == (25, 1470)
    assert pcns.loc["Blackpool Central PCN", "coverage"].startswith("not covered: registered patients by LSOA")
