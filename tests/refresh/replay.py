"""A local HTTP server (127.0.0.1 only) that answers like the publishers, from the files vendored in ``data/``.

It serves, under ``/fingertips/api/``, the Fingertips all-data CSV and ``data_changes`` JSON; under ``/ons_els/``
the Explore Local Statistics ``<indicator>/<indicator>.csv`` and ``.json`` metadata; under ``/qof/`` the QOF 2024-25
publication page and its zip holding ``PREVALENCE_2425.csv``; under ``/practice_map/`` NHS England's monthly
publication page and its ``gp-reg-pat-prac-map.csv``; under ``/cover/`` the GOV.UK Content API page of COVER 2024-25
and its quarterly ODS (the official Q4 file in ``tests/refresh/fixtures``, served unchanged unless a scenario alters
Table 10, when an ODS of the same layout is written from the vendored file); under ``/cvdprevent/`` the CVDPREVENT
API's ``timePeriod``, ``indicator/list`` and ``rawDataJSON``. Each body is made
from the vendored Parquet file in the publisher's own format (the Fingertips CSV's column names and order, area
type names, "Persons" for sex where the extract has none; the NHS CSV's columns as published), so a refresh that
changes nothing reproduces the vendored files. Scenarios alter what is served, never how it is checked:

``new_period``      indicator id -> a period added by copying the latest period's rows, values +0.2
``revise``          (indicator id, area code, sex, period, new value): one value changed
``rename``          (old column, new column) in every CSV served
``drop``            a column left out of every CSV served
``bad_code``        the practice map's first practice code replaced by this text
``move_practice``   the practice map's first practice given this PCN code
``truncate``        the body is cut to half while ``Content-Length`` announces all of it
``delay``           seconds to wait before answering (a stalled server, for the timeout)
``status``          an HTTP status to answer instead of the document (e.g. 500)
``cover_quarter``   the COVER file's "Financial year Quarter" replaced by this text (another quarter)
``cover_revise``    (ODS UTLA code, column, new text): one COVER cell changed, as a re-issued version would
``cvd_new_period``  (period name, value change): a later standard period whose rows are the vendored ones with
                    values changed by this much (a test value, not an audit figure)

The ``data_changes`` date is the replay's own fixed value (``LastUploadedAt`` = ``REPLAY_UPLOAD``): a test value,
not an OHID date. So are the CVDPREVENT time period and indicator ids (``CVD_PERIOD_ID``, ``CVD_INDICATOR_IDS``)
and the "Male" copy of the quintile rows served beside the "Persons" ones (there to check the adapter's filter).
"""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.parse
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd

from lsc_phm.refresh import cover
from lsc_phm.refresh.fingertips import INDICATOR_FILES
from lsc_phm.refresh.ons_els import INDICATORS as ELS_INDICATORS

REPLAY_UPLOAD = "2026-12-01T09:30:00"
COVER_ODS = Path(__file__).parent / "fixtures" / "cover_2024_25_q4.ods"
COVER_TITLES = [
    line.rstrip()
    for line in (
        "Table 10. All data items for vaccination coverage statistics for children aged up to 5 years "
        "in England by upper tier local authority (UTLA):  Quarter 4 2024 to 2025  ( January to March 2025 )",
        "This worksheet contains one table. Some cells may refer to notes which can be found on the notes worksheet.",
        "[c] Some figures have been suppressed due to potential disclosure issues associated with small numbers.",
        "[z] not applicable",
    )
]
CVD_PERIOD_ID = 900
CVD_INDICATOR_IDS = {"CVDP002AF": 31, "CVDP003CHOL": 32, "CVDP005HYP": 35, "CVDP007HYP": 37}
CVD_QUINTILE_NAMES = {1: "1 - most deprived", 2: "2", 3: "3", 4: "4", 5: "5 - least deprived"}
#: The ELS metadata's sourceDate for each vendored file, as carried (data/SOURCES.md of the shared bundle).
ELS_SOURCE_DATES = {
    "ons_els_healthy_life_expectancy": "19/02/2026",
    "ons_els_cancer_stage_1_2": "04/11/2025",
    "ons_els_preventable_cvd_mortality": "04/11/2025",
    "ons_els_cigarette_smokers": "04/11/2025",
}
FINGERTIPS_COLUMNS = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to Region value or percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
    "Time period range",
]
#: Which ONS code prefixes each Fingertips area type holds (England, id 15, comes with both).
AREA_TYPE_PREFIXES = {501: ("E92", "E06", "E07", "E08", "E09"), 502: ("E92", "E06", "E08", "E09", "E10")}
AREA_TYPE_NAMES = {501: "Districts & UAs (from Apr 2023)", 502: "Counties & UAs (from Apr 2023)"}


def fingertips_csv(raw_dir: Path, indicator_id: int, area_type: int, scenario: dict) -> bytes:
    """The Fingertips all-data CSV for one indicator and area type, made from the vendored extract."""
    dataset = next(f.dataset for f in INDICATOR_FILES if f.indicator_id == indicator_id)
    extract = pd.read_parquet(raw_dir / f"{dataset}.parquet")
    extract = extract[extract["area_code"].str[:3].isin(AREA_TYPE_PREFIXES[area_type])]
    by_sex = extract["inequality"].notna().any()
    frame = pd.DataFrame({column: pd.NA for column in FINGERTIPS_COLUMNS}, index=extract.index)
    frame["Indicator ID"] = indicator_id
    frame["Indicator Name"] = extract["indicator"]
    frame["Parent Code"] = "E92000001"
    frame["Parent Name"] = "England"
    frame["Area Code"] = extract["area_code"]
    frame["Area Name"] = extract["area_name"]
    frame["Area Type"] = [
        ("England" if code.startswith("E92") else AREA_TYPE_NAMES[area_type]) for code in extract["area_code"]
    ]
    frame["Sex"] = extract["inequality"].astype("string") if by_sex else "Persons"
    frame["Age"] = "All ages"
    frame["Time period"] = extract["period"].astype("string")
    frame["Value"] = extract["value"]
    frame["Compared to England value or percentiles"] = extract["compared_to_England"]
    new_period = scenario.get("new_period", {}).get(indicator_id)
    if new_period:
        latest = frame["Time period"].max()
        added = frame[frame["Time period"] == latest].copy()
        added["Time period"] = new_period
        added["Value"] = added["Value"] + 0.2
        frame = pd.concat([frame, added], ignore_index=True)
    revise = scenario.get("revise")
    if revise and revise[0] == indicator_id:
        _, area, sex, period, value = revise
        where = (frame["Area Code"] == area) & (frame["Sex"] == sex) & (frame["Time period"] == period)
        frame.loc[where, "Value"] = value
    return _altered(frame, scenario).to_csv(index=False).encode("utf-8")


def _altered(frame: pd.DataFrame, scenario: dict) -> pd.DataFrame:
    if scenario.get("rename"):
        frame = frame.rename(columns=dict([scenario["rename"]]))
    if scenario.get("drop"):
        frame = frame.drop(columns=[scenario["drop"]])
    return frame


def cover_ods(raw_dir: Path, scenario: dict) -> bytes:
    """The COVER Q4 2024-25 data tables: the official file, or one of its layout written from the vendored Table 10."""
    if not any(scenario.get(k) for k in ("rename", "drop", "cover_quarter", "cover_revise")):
        return COVER_ODS.read_bytes()
    frame = pd.read_parquet(raw_dir / f"{cover.DATASET}.parquet").astype(object)
    if scenario.get("cover_quarter"):
        frame["Financial year Quarter"] = scenario["cover_quarter"]
    if scenario.get("cover_revise"):
        code, column, value = scenario["cover_revise"]
        frame.loc[frame["Upper tier local authority ODS code"] == code, column] = value
    frame = _altered(frame, scenario)
    table = [[title] + [None] * (frame.shape[1] - 1) for title in COVER_TITLES]
    table += [list(frame.columns)] + frame.where(frame.notna(), None).values.tolist()
    history = [
        ["Version number", None, None],
        ["This worksheet contains one table.", None, None],
        ["Version number", "Date", "Revision"],
        ["1", "2025-06-26", "First published"],
    ]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        pd.DataFrame([["Cover"]]).to_excel(writer, sheet_name="Cover", header=False, index=False)
        pd.DataFrame(table).to_excel(writer, sheet_name=cover.SHEET, header=False, index=False)
        pd.DataFrame(history).to_excel(writer, sheet_name="Revision_History", header=False, index=False)
    return buffer.getvalue()


def cvdprevent_json(raw_dir: Path, path: str, query: dict, scenario: dict) -> dict:
    """The CVDPREVENT API's answer for ``path``, made from the vendored England quintile rows."""
    frame = pd.read_parquet(raw_dir / "cvdprevent_england_imd_quintile.parquet")
    periods = [
        {
            "TimePeriodID": CVD_PERIOD_ID,
            "TimePeriodName": frame["period"].iloc[0],
            "IndicatorTypeID": 1,
            "IndicatorTypeName": "Standard",
        },
        {
            "TimePeriodID": CVD_PERIOD_ID + 50,
            "TimePeriodName": "Outcomes period (replay)",
            "IndicatorTypeID": 2,
            "IndicatorTypeName": "Outcomes",
        },
    ]
    new_period = scenario.get("cvd_new_period")
    if new_period:
        periods.append(
            {
                "TimePeriodID": CVD_PERIOD_ID + 1,
                "TimePeriodName": new_period[0],
                "IndicatorTypeID": 1,
                "IndicatorTypeName": "Standard",
            }
        )
    if path == "timePeriod":
        return {"timePeriodList": periods}
    period = next((p for p in periods if str(p["TimePeriodID"]) == query.get("timePeriodID")), None)
    if period is None or query.get("systemLevelID") != "1":
        raise KeyError(path)
    if path == "indicator/list":
        names = frame.drop_duplicates("indicator_code").set_index("indicator_code")["indicator"]
        return {
            "indicatorList": [
                {
                    "IndicatorID": CVD_INDICATOR_IDS[code],
                    "IndicatorCode": code,
                    "IndicatorShortName": f"{name} ({code})",
                }
                for code, name in names.items()
            ]
        }
    code = next((c for c, i in CVD_INDICATOR_IDS.items() if path == f"indicator/{i}/rawDataJSON"), None)
    if code is None:
        raise KeyError(path)
    rows = frame[frame["indicator_code"] == code]
    change = new_period[1] if new_period and period["TimePeriodID"] == CVD_PERIOD_ID + 1 else 0.0
    records = pd.DataFrame(
        {
            "TimePeriodID": period["TimePeriodID"],
            "TimePeriodName": period["TimePeriodName"],
            "AreaCode": "E92000001",
            "AreaName": "England",
            "MetricCategoryTypeName": "Deprivation quintile",
            "MetricCategoryName": rows["quintile"].map(CVD_QUINTILE_NAMES),
            "CategoryAttribute": "Persons",
            "Numerator": rows["numerator"],
            "Denominator": rows["denominator"],
            "Value": rows["value"] + change,
            "LowerConfidenceLimit": rows["lower_ci"] + change,
            "UpperConfidenceLimit": rows["upper_ci"] + change,
        }
    )
    records = pd.concat([records, records.assign(CategoryAttribute="Male")], ignore_index=True)
    return {"indicatorRawData": _altered(records, scenario).to_dict(orient="records")}


def practice_map_csv(raw_dir: Path, scenario: dict) -> bytes:
    frame = pd.read_parquet(raw_dir / "gp_practice_map_jul2026.parquet")
    if scenario.get("bad_code"):
        frame.loc[0, "PRACTICE_CODE"] = scenario["bad_code"]
    if scenario.get("move_practice"):
        frame.loc[0, "PCN_CODE"] = scenario["move_practice"]
    return _altered(frame, scenario).to_csv(index=False).encode("utf-8")


class ReplayServer:
    """The publishers' endpoints on ``127.0.0.1``, replayed from ``raw_dir`` with an optional scenario."""

    def __init__(self, raw_dir: Path) -> None:
        self.raw_dir = raw_dir
        self.scenario: dict = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                server.requests.append(self.path)
                if server.scenario.get("delay"):
                    time.sleep(server.scenario["delay"])
                if server.scenario.get("status"):
                    self.send_error(server.scenario["status"])
                    return
                try:
                    kind, body = server.answer(self.path)
                except KeyError:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2] if server.scenario.get("truncate") else body)
                self.wfile.flush()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def answer(self, path: str) -> tuple[str, bytes]:
        """The content type and body for ``path``; KeyError for an address the publishers do not serve."""
        parts = urllib.parse.urlsplit(path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        if parts.path == "/fingertips/api/all_data/csv/by_indicator_id":
            if query.get("parent_area_type_id") != "15":
                raise KeyError(path)
            return "text/csv", fingertips_csv(
                self.raw_dir, int(query["indicator_ids"]), int(query["child_area_type_id"]), self.scenario
            )
        if parts.path == "/fingertips/api/data_changes":
            body = {"IndicatorId": int(query["indicator_id"]), "LastUploadedAt": REPLAY_UPLOAD}
            return "application/json", json.dumps(body).encode()
        if parts.path.startswith("/ons_els/") and parts.path.count("/") == 3:
            _, _, indicator, name = parts.path.split("/")
            dataset = next(key for key, slug in ELS_INDICATORS.items() if slug == indicator)
            if name == f"{indicator}.csv":
                frame = _altered(pd.read_parquet(self.raw_dir / f"{dataset}.parquet"), self.scenario)
                return "text/csv", frame.to_csv(index=False).encode("utf-8")
            if name == f"{indicator}.json":
                shared = {"sourceDate": ELS_SOURCE_DATES[dataset], "sourceOrg": "Office for National Statistics"}
                return "application/json", json.dumps({"ess-beta-metadata": {"shared": shared}}).encode()
        if parts.path == "/qof/2024-25":
            page = '<html><body><a href="/qof/files/QOF2425.zip">QOF 2024-25 raw data [ZIP]</a></body></html>'
            return "text/html", page.encode()
        if parts.path == "/qof/files/QOF2425.zip":
            frame = _altered(pd.read_parquet(self.raw_dir / "qof_2024_25_prevalence.parquet"), self.scenario)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("QOF2425/PREVALENCE_2425.csv", frame.to_csv(index=False))
            return "application/zip", buffer.getvalue()
        if parts.path == f"/cover/api/content/{cover.PAGE_PATH}":
            ods = "application/vnd.oasis.opendocument.spreadsheet"
            attachments = [
                {
                    "attachment_type": "file",
                    "content_type": ods,
                    "title": f"COVER data tables: {months}",
                    "filename": f"{slug}.ods",
                    "url": f"/cover/media/{slug}.ods",
                }
                for months, slug in (("October to December 2024", "cover-q3"), ("January to March 2025", "cover-q4"))
            ]
            document = {"base_path": f"/{cover.PAGE_PATH}", "details": {"attachments": attachments}}
            return "application/json", json.dumps(document).encode()
        if parts.path == "/cover/media/cover-q4.ods":
            return "application/vnd.oasis.opendocument.spreadsheet", cover_ods(self.raw_dir, self.scenario)
        if parts.path.startswith("/cvdprevent/"):
            document = cvdprevent_json(self.raw_dir, parts.path.removeprefix("/cvdprevent/"), query, self.scenario)
            return "application/json", json.dumps(document).encode()
        if parts.path.startswith("/practice_map/files/gp-reg-pat-prac-map.csv"):
            return "text/csv", practice_map_csv(self.raw_dir, self.scenario)
        if parts.path.startswith("/practice_map/") and parts.path.count("/") == 2:
            page = (
                '<html><body><h1>Patients Registered at a GP Practice</h1><ul><li><a href="'
                '/practice_map/files/gp-reg-pat-prac-map.csv">Patients Registered at a GP Practice - mapping '
                "file [CSV]</a></li></ul></body></html>"
            )
            return "text/html", page.encode()
        raise KeyError(path)

    def __enter__(self) -> ReplayServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
