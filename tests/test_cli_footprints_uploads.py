"""The command line for footprints, PCNs and uploads: CSV out, one-line errors with exit status 2."""

from __future__ import annotations

import io

import pandas as pd

from lsc_phm.cli import main
from lsc_phm.domain.deprivation import SUMMARY_COLUMNS
from tests.domain.test_uploads import BAD_FILES, burnley_msoa_file, fifty_lsoa_file


def _run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_deprivation_by_footprint(db, capsys) -> None:
    status, out, err = _run(capsys, "deprivation", "--imd", "2025", "--level", "footprint")
    frame = pd.read_csv(io.StringIO(out)).set_index("area_name")
    assert status == 0 and tuple(frame.reset_index().columns[[1, 0]]) == SUMMARY_COLUMNS[:2]
    assert list(frame.index) == [
        "Pennine Lancashire",
        "Fylde Coast",
        "Central Lancashire",
        "Morecambe Bay",
        "West Lancashire",
    ]  # ordered by average score rank, 1 = most deprived
    assert frame.loc["Pennine Lancashire", "lsoas"] == 343
    assert "computed from LSOAs (custom footprint)" in err


def test_table_by_footprint_and_pcn(db, capsys) -> None:
    status, out, _ = _run(
        capsys, "table", "pct_aged_65_plus", "--level", "footprint", "--period", "mid-2020", "--imd", "2019"
    )  # mid-2020 residents: the IMD 2019 geography (2011 LSOAs)
    frame = pd.read_csv(io.StringIO(out))
    assert status == 0 and len(frame) == 5 and frame["method"].str.contains("custom footprint").all()
    status, out, _ = _run(capsys, "table", "qof_hyp", "--level", "pcn", "--period", "2024-25", "--imd", "2025")
    pcns = pd.read_csv(io.StringIO(out)).set_index("area_code")
    # Mid Furness PCN: (2151 + 1579 + 902 + 907) / (11960 + 8816 + 4701 + 4967) = 5539 / 30444
    assert status == 0 and pcns.loc["U25520", "numerator"] == 5539 and pcns.loc["U25520", "value"] == 18.19


def test_upload_prints_sums_and_gradient(db, capsys, tmp_path) -> None:
    lsoas = (
        db.execute(
            "select lsoa_code from mart_lsoas where imd_vintage = 2025 and icb_code = 'E54000048' order by lsoa_code"
        )
        .iloc[::20]
        .head(50)
        .reset_index(drop=True)
    )
    path = tmp_path / "fifty.csv"
    path.write_bytes(fifty_lsoa_file(lsoas))
    status, out, err = _run(capsys, "upload", str(path), "--level", "district")
    values, gradient = out.split("\n\n")
    districts = pd.read_csv(io.StringIO(values))
    table = pd.read_csv(io.StringIO(gradient))
    assert status == 0
    assert districts["units_in_upload"].sum() == 50
    assert table["group_label"].iloc[-2:].tolist() == ["SII", "RII"]
    assert table.loc[table["deprivation_group"] != "all", "units"].sum() == 50
    assert "National IMD 2025 deciles" in err


def test_upload_bad_file_is_one_line_and_exit_2(db, capsys, tmp_path) -> None:
    name, data, message = BAD_FILES["numerator > denominator"]
    path = tmp_path / name
    path.write_bytes(data)
    status, out, err = _run(capsys, "upload", str(path), "--level", "ward")
    assert status == 2 and out == "" and err == f"error: {message}\n"
    status, _, err = _run(capsys, "upload", str(tmp_path / "missing.csv"), "--level", "ward")
    assert status == 2 and err.count("\n") == 1


def test_upload_of_msoa_2011_codes(db, capsys, tmp_path) -> None:
    path = tmp_path / "burnley_msoas.csv"
    path.write_bytes(burnley_msoa_file())
    status, out, err = _run(capsys, "upload", str(path), "--level", "district")
    values, gradient = out.split("\n\n")
    burnley = pd.read_csv(io.StringIO(values)).set_index("area_code").loc["E07000117"]
    assert status == 0 and (burnley["numerator"], burnley["denominator"]) == (426, 6660)  # see tests/domain
    table = pd.read_csv(io.StringIO(gradient))
    assert table.loc[table["deprivation_group"] != "all", "units"].sum() == 12
    assert "MSOA 2011" in err
