"""Bring your own data: reading and checking uploads (each bad file's message), aggregation and the gradient."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from lsc_phm.domain import upload_aggregation, upload_files, upload_gradient, uploads
from lsc_phm.stats import wilson_ci


@pytest.fixture(scope="module")
def reference(db, icb2025):
    return uploads.load_reference(db, icb2025)


@pytest.fixture(scope="module")
def lsoas50(db) -> pd.DataFrame:
    """50 real 2021 LSOAs of the ICB (every 20th by code) with their national decile and population weight."""
    frame = db.execute(
        "select lsoa_code, imd_decile, imd_score, deprivation_population as population from mart_lsoas "
        "where imd_vintage = 2025 and icb_code = 'E54000048' order by lsoa_code"
    )
    return frame.iloc[::20].head(50).reset_index(drop=True)


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def fifty_lsoa_file(lsoas50: pd.DataFrame) -> bytes:
    """numerator = 20 + 3 i, denominator = 400 + i for the i-th LSOA (all counts at least 20: nothing suppressed)."""
    lines = ["code,numerator,denominator,name,unit,polarity"]
    lines += [
        f"{code},{20 + 3 * i},{400 + i},Test measure,%,low_is_good" for i, code in enumerate(lsoas50["lsoa_code"])
    ]
    return _csv("\n".join(lines) + "\n")


def test_fifty_lsoa_values_are_read_as_lsoa_2021(reference, lsoas50):
    upload = uploads.parse(fifty_lsoa_file(lsoas50), "fifty.csv", reference)
    assert (upload.geography, upload.vintage, upload.label) == ("lsoa", 2025, "LSOA 2021")
    assert upload.has_counts and upload.additive and upload.polarity == "low_is_good"
    shown = upload_aggregation.values(upload).set_index("area_code")
    first = lsoas50["lsoa_code"].iloc[0]
    limits = wilson_ci([20], [400], 0.95)
    assert shown.loc[first, "value"] == 5.0  # 20 / 400
    assert shown.loc[first, "lowercl"] == pytest.approx(round(100 * limits["lowercl"].iloc[0], 2))
    assert not shown["suppressed"].any()


def test_fifty_lsoa_gradient_by_national_decile(reference, lsoas50):
    upload = uploads.parse(fifty_lsoa_file(lsoas50), "fifty.csv", reference)
    result = upload_gradient.gradient(upload, reference, "national", 10)
    frame = lsoas50.assign(numerator=20 + 3 * np.arange(50), denominator=400 + np.arange(50))
    by_hand = frame.groupby("imd_decile")[["numerator", "denominator", "population"]].sum()
    table = result.table.set_index("deprivation_group")
    assert list(table.index) == sorted(by_hand.index)
    for decile, row in by_hand.iterrows():
        assert table.loc[decile, "numerator"] == row["numerator"]
        assert table.loc[decile, "population"] == row["population"]
        assert table.loc[decile, "value"] == pytest.approx(round(100 * row["numerator"] / row["denominator"], 2))
    sii_row = result.measures.set_index("measure").loc["SII"]
    assert np.isfinite(sii_row["value"]) and sii_row["lowercl"] < sii_row["value"] < sii_row["uppercl"]
    local = upload_gradient.gradient(upload, reference, "local", 5)
    assert local.table["units"].sum() == 50 and len(local.table) == 5


def test_aggregation_to_districts_sums_counts(reference, lsoas50, db):
    upload = uploads.parse(fifty_lsoa_file(lsoas50), "fifty.csv", reference)
    districts = upload_aggregation.aggregate(upload, reference, "district").set_index("area_code")
    lads = db.execute("select lsoa_code, lad_code from mart_lsoas where imd_vintage = 2025")
    frame = lsoas50.assign(numerator=20 + 3 * np.arange(50), denominator=400 + np.arange(50)).merge(lads)
    by_hand = frame.groupby("lad_code")[["numerator", "denominator"]].sum()
    assert set(districts.index) == set(by_hand.index)
    blackpool = by_hand.loc["E06000009"]
    assert districts.loc["E06000009", "numerator"] == blackpool["numerator"]
    assert districts.loc["E06000009", "units_in_area"] == 94
    assert districts["method"].str.startswith("computed here").all()
    footprints = upload_aggregation.aggregate(upload, reference, "footprint")
    assert footprints["units_in_upload"].sum() == 50


def test_small_counts_are_suppressed_in_values(reference, lsoas50):
    codes = lsoas50["lsoa_code"]
    text = "code,numerator,denominator\n" + "\n".join(
        f"{c},{n},100" for c, n in zip(codes[:3], (4, 50, 60), strict=False)
    )
    shown = upload_aggregation.values(uploads.parse(_csv(text), "small.csv", reference)).set_index("area_code")
    assert shown.loc[codes[0], "suppressed"] and pd.isna(shown.loc[codes[0], "value"])
    assert pd.isna(shown.loc[codes[0], "numerator"])
    assert shown.loc[codes[1], "value"] == 50.0


def test_values_without_counts_are_not_summed(reference, lsoas50):
    text = "code,value\n" + "\n".join(f"{c},{i}" for i, c in enumerate(lsoas50["lsoa_code"][:5]))
    upload = uploads.parse(_csv(text), "rates.csv", reference)
    assert not upload.additive
    with pytest.raises(ValueError, match="cannot be added up"):
        upload_aggregation.aggregate(upload, reference, "district")


def test_excel_files_are_read(reference, lsoas50):
    buffer = io.BytesIO()
    pd.DataFrame({"code": lsoas50["lsoa_code"][:3], "value": [1.5, 2.5, 3.5]}).to_excel(buffer, index=False)
    upload = uploads.parse(buffer.getvalue(), "book.xlsx", reference)
    assert upload.data["value"].tolist() == [1.5, 2.5, 3.5]


def test_ward_and_practice_files(reference):
    wards = "code,value\nE05001647,3\nE05001648,4\n"  # Claremont and Bloomfield (Blackpool, 2019 wards)
    upload = uploads.parse(_csv(wards), "w.csv", reference)
    assert upload.geography == "ward"
    practices = "practice_code,numerator,denominator\nA82003,100,1000\nA82005,50,800\n"
    upload = uploads.parse(_csv(practices), "p.csv", reference)
    assert upload.label == "GP practice"
    pcns = upload_aggregation.aggregate(upload, reference, "pcn").set_index("area_code")
    assert pcns.loc["U25520", "area_name"] == "Mid Furness PCN" and pcns.loc["U25520", "numerator"] == 100


def test_lsoa_2011_codes_are_recognised(reference, db):
    # LSOAs that were merged or split in 2021 exist in the 2011 geography only
    only_2011 = db.execute(
        "select lsoa_code from mart_lsoas where imd_vintage = 2019 and icb_code = 'E54000048' "
        "except select lsoa_code from mart_lsoas where imd_vintage = 2025 order by 1 limit 3"
    )
    text = "code,value\n" + "\n".join(f"{c},1" for c in only_2011["lsoa_code"])
    upload = uploads.parse(_csv(text), "old.csv", reference)
    assert (upload.label, upload.vintage) == ("LSOA 2011", 2019)


# ------------------------------------------------------------------------------------------------ bad files
BIG = b"code,value\n" + b"E01012571,1\n" * (upload_files.MAX_BYTES // 12 + 1)
BAD_FILES = {
    "empty": ("empty.csv", b"", "The file is empty: it needs a header row (e.g. code,value) and one row per area."),
    "header only": ("header.csv", b"code,value\n", "The file has a header row but no data rows."),
    "wrong encoding": (
        "utf16.csv",
        "code,value\nE01012571,1\n".encode("utf-16"),
        "The file is UTF-16 text (Excel's 'Unicode Text'): in Excel use 'Save as: CSV UTF-8', then upload again.",
    ),
    "50 MB": (
        "big.csv",
        BIG,
        f"The file is {math.ceil(len(BIG) / 1024 / 1024 * 10) / 10:.1f} MB; files must be "
        "50 MB or smaller. Upload one geography and the columns you need only.",
    ),
    "non-numeric": (
        "text.csv",
        b"code,value\nE01012571,abc\nE01012572,2\nE01012573,n/a\n",
        "Column 'value' has 2 value(s) that are not numbers: row 2 'abc', row 4 'n/a'. Use plain numbers "
        "(e.g. 12.5), or leave the cell empty for no data.",
    ),
    "negative": (
        "neg.csv",
        b"code,value\nE01012571,-3\nE01012572,2\n",
        "Column 'value' has 1 negative value(s): row 2 (-3). Values, numerators and denominators must be zero or more.",
    ),
    "numerator > denominator": (
        "over.csv",
        b"code,numerator,denominator\nE01012571,30,20\nE01012572,2,20\n",
        "1 row(s) have a numerator larger than the denominator: row 2 (E01012571: 30 > 20).",
    ),
    "duplicate codes": (
        "dup.csv",
        b"code,value\nE01012571,1\nE01012571,2\nE01012572,3\nE01012571,4\n",
        "1 code(s) appear more than once: E01012571 (3 rows). Give one row per area.",
    ),
    "unknown codes": (
        "unknown.csv",
        b"code,value\nE01012571,1\nE01999999,2\nE01999999x,3\n",
        "2 code(s) are not LSOA 2021 codes of NHS Lancashire and South Cumbria Integrated Care Board: "
        "E01999999 (1 row), E01999999X (1 row). Check them, or remove those rows.",
    ),
    "mixed geographies": (
        "mixed.csv",
        b"code,value\nE01012571,1\nE01012572,2\nE06000009,3\n",
        "The file mixes geographies (2 LSOA code(s), 1 district code(s)): upload one geography per file.",
    ),
    "no code column": (
        "nocode.csv",
        b"area,value\nE01012571,1\n",
        "No column of area codes: name one column 'code' (found: area, value).",
    ),
    "no values": (
        "novalue.csv",
        b"code,rate\nE01012571,1\n",
        "No values: add a column 'value', or two columns 'numerator' and 'denominator' (found: code, rate).",
    ),
    "not a table": (
        "image.png",
        b"\x89PNG\r\n",
        "Files of type '.png' cannot be read: upload a .csv (UTF-8) or .xlsx file.",
    ),
    # MSOA 2011 files: a code outside the ICB (E02000001 is City of London 001), and MSOA codes mixed with an LSOA
    "MSOA outside the ICB": (
        "x.csv",
        b"code,value\nE02005176,1\nE02000001,2\n",
        (
            "1 code(s) are not MSOA 2011 codes of NHS Lancashire and South Cumbria Integrated Care "
            "Board: E02000001 (1 row). Check them, or remove those rows."
        ),
    ),
    "MSOAs mixed with an LSOA": (
        "m.csv",
        b"code,value\nE02005176,1\nE02005177,2\nE01012571,3\n",
        ("The file mixes geographies (2 MSOA code(s), 1 LSOA code(s)): upload one geography per file."),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_each_bad_file_gets_its_message(reference, case):
    name, data, message = BAD_FILES[case]
    with pytest.raises(upload_files.UploadError) as caught:
        uploads.parse(data, name, reference)
    assert str(caught.value) == message


def test_size_limit_agrees_with_the_uploader_and_is_inclusive(reference):
    # .streamlit/config.toml's server.maxUploadSize (MB of 1024 * 1024 bytes, as Streamlit counts) is the app's limit
    import tomllib
    from pathlib import Path

    settings = tomllib.loads((Path(__file__).parents[2] / ".streamlit" / "config.toml").read_text())
    assert settings["server"]["maxUploadSize"] * 1024 * 1024 == upload_files.MAX_BYTES == 52_428_800
    # a file of exactly 50 MB passes the size check (it is read: one header, one row), one byte more does not
    exact = b"code,value\n" + b"x" * (upload_files.MAX_BYTES - 11)
    assert len(exact) == upload_files.MAX_BYTES
    assert list(upload_files.read_upload(exact, "exact.csv").columns) == ["code", "value"]
    # sizes are rounded up, so one byte over never reads as the limit itself
    with pytest.raises(upload_files.UploadError, match=r"^The file is 50\.1 MB; files must be 50 MB or smaller\."):
        upload_files.read_upload(exact + b"x", "over.csv")


def test_user_area_from_ward_codes(reference, db):
    # Bloomfield and Claremont (Blackpool, 2019 wards): the area is their 2011 LSOAs
    area = uploads.user_area(["E05001647", "E05001648"], reference, "Blackpool central")
    members = db.execute(
        "select lsoa_code, deprivation_population, imd_decile, imd_score from mart_lsoas where "
        "imd_vintage = 2019 and ward_code in ('E05001647', 'E05001648')"
    )
    assert set(area.lsoas["lsoa_code"]) == set(members["lsoa_code"])
    weights = members["deprivation_population"]
    assert area.summary["core20_population_share"] == pytest.approx(
        100 * weights[members["imd_decile"] <= 2].sum() / weights.sum()
    )
    assert area.summary["avg_score"] == pytest.approx((weights * members["imd_score"]).sum() / weights.sum())
    with pytest.raises(upload_files.UploadError, match="drawn from LSOA or ward codes"):
        uploads.user_area(["E06000009"], reference)


def test_counts_are_summed_per_group_per_1000_people(reference, lsoas50):
    text = "code,value,unit\n" + "\n".join(f"{c},{30 + i},count" for i, c in enumerate(lsoas50["lsoa_code"]))
    upload = uploads.parse(_csv(text), "counts.csv", reference)
    assert upload.additive and not upload.has_counts
    result = upload_gradient.gradient(upload, reference, "national", 10)
    frame = lsoas50.assign(count=30 + np.arange(50))
    by_hand = frame.groupby("imd_decile")[["count", "population"]].sum()
    table = result.table.set_index("deprivation_group")
    for decile, row in by_hand.iterrows():
        assert table.loc[decile, "value"] == pytest.approx(round(1000 * row["count"] / row["population"], 2))
    assert set(table["unit"]) == {"per 1,000 people"}
    districts = upload_aggregation.aggregate(upload, reference, "district")
    assert districts["value"].sum() == frame["count"].sum()


# ------------------------------------------------------------------------------------------------ MSOA 2011 files
#: Burnley's 12 MSOAs (2011) in the ONS LSOA11->MSOA11 lookup: Burnley 001-011 (E02005176-E02005186) and 014
#: (E02006881); 012 and 013 do not exist in the 2011 set.
BURNLEY_MSOAS = [f"E020051{n}" for n in range(76, 87)] + ["E02006881"]


def burnley_msoa_file() -> bytes:
    """numerator = 30 + i, denominator = 500 + 10 i for the i-th Burnley MSOA: 12 rows, 426 / 6,660 in all."""
    lines = ["MSOA11CD,numerator,denominator,name"]
    lines += [f"{code},{30 + i},{500 + 10 * i},Test measure" for i, code in enumerate(BURNLEY_MSOAS)]
    return _csv("\n".join(lines) + "\n")


def test_msoa_2011_file_is_read_summed_and_ranked_locally(reference):
    upload = uploads.parse(burnley_msoa_file(), "msoa.csv", reference)
    assert (upload.geography, upload.vintage, upload.label) == ("msoa", 2019, "MSOA 2011")
    assert upload.data.set_index("area_code").loc["E02005176", "area_name"] == "Burnley 001"
    # sum of 30..41 = 426; sum of 500..610 step 10 = 6,660; every Burnley MSOA is in the file
    burnley = upload_aggregation.aggregate(upload, reference, "district").set_index("area_code").loc["E07000117"]
    assert (burnley["numerator"], burnley["denominator"]) == (426, 6660)
    assert (burnley["units_in_upload"], burnley["units_in_area"]) == (12, 12)
    assert burnley["value"] == round(100 * 426 / 6660, 2) == 6.40
    assert "MSOA 2011s summed" in burnley["method"]
    with pytest.raises(ValueError, match="national IMD deciles exist for LSOAs only"):
        upload_gradient.gradient(upload, reference, "national")
    local = upload_gradient.gradient(upload, reference, "local", groups=5)
    assert local.table["units"].sum() == 12 and "MSOA 2011 areas ranked by IMD score" in local.description


def test_upload_sii_at_99_8_uses_the_unrounded_counts(reference, lsoas50):
    # Limits rounded to 2 dp and, at 99.8%, read as 95% ones would make every standard error, and so the interval,
    # z_0.999 / z_0.975 = 3.0902 / 1.9600 = 1.58 times too wide. Expected: stats.sii from the groups' own unrounded
    # counts (standard errors from their 95% Wilson limits), simulated at 99.8% with the upload's seed, as on the
    # Inequalities page.
    from lsc_phm.stats import sii

    upload = uploads.parse(fifty_lsoa_file(lsoas50), "fifty.csv", reference)
    result = upload_gradient.gradient(upload, reference, "national", 10, confidence=0.998)
    frame = lsoas50.assign(numerator=20 + 3 * np.arange(50), denominator=400 + np.arange(50))
    by_hand = frame.groupby("imd_decile")[["numerator", "denominator", "population"]].sum()
    expected = sii(
        np.arange(1, len(by_hand) + 1),
        by_hand["population"],
        numerator=by_hand["numerator"],
        denominator=by_hand["denominator"],
        value_type="proportion",
        multiplier=100,
        confidence=0.998,
        repetitions=upload_gradient.SII_REPETITIONS,
        seed=upload_gradient.SII_SEED,
    )
    shown = result.measures.set_index("measure").loc["SII"]
    assert shown["value"] == pytest.approx(expected["sii"].iloc[0], abs=1e-3)
    assert shown["lowercl"] == pytest.approx(expected["sii_lower99_8cl"].iloc[0], abs=1e-3)
    assert shown["uppercl"] == pytest.approx(expected["sii_upper99_8cl"].iloc[0], abs=1e-3)
