"""Any English ICB: every page and tab runs for every ICB that `python -m lsc_phm icbs` lists, in both IMD vintages.

One AppTest run per (ICB, vintage, page or tab): the vintage and the tab are set through their URL parameters
(``imd_vintage``, ``ineq_tab``, ``c20_tab``) and the ICB through ``LSC_PHM_ICB``, so each case is a single script run,
and Streamlit's caches are kept between runs (they are keyed by the ICB and vintage; each ICB's cases run one after
another). A case fails on an exception, an error box, a page that stopped early or the sidebar naming another ICB;
the failures of a test are listed together, one line per ICB and case.

Cases that need care: the practice deprivation scores in the data cover Lancashire and South Cumbria's practices
only, so Core20PLUS5 -> 5 clinical areas must say what is missing elsewhere; Sussex and Surrey Heartlands have ONS
codes that differ between the July 2022 and April 2024 lookups; Frimley has no LSOA in national decile 1, so "By
deprivation" must cope with nine deciles.

Every case runs for every ICB: 42 ICBs x 2 vintages x 12 cases = 1,008 runs, in 2 x :data:`SHARDS` tests (every
SHARDS-th ICB per test) so that ``pytest -n 2`` (``make test``) shares them evenly between its two workers. Cost, in
CPU seconds per ICB and vintage on the 2-core machine (``benchmarks/bench_views.py``): about 3 s for the nine cheap
cases together, and for the three costliest (cold caches, as here) the place profile about 2.2-2.4 s, Core20PLUS5 ->
5 clinical areas about 2.8 s (its charts are built once per ICB and vintage in cached functions) and the scorecard
about 0.9 s. The whole sweep took 622 CPU seconds
(1,008 runs, 0.62 s each) when last measured.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time

import pytest
import streamlit as st
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from lsc_phm.domain import geography
from tests.conftest import APP_PATH

# The sweep is the longest part of the suite: `make test` runs it, `make test-fast` (-m "not slow") leaves it out.
pytestmark = pytest.mark.slow

#: (page, URL parameters, a widget or heading that shows the page or tab really ran)
CASES: list[tuple[str, dict[str, str], tuple[str, str]]] = [
    ("pages/home.py", {}, ("subheader", "Deprivation by place: IMD 2019 and IMD 2025")),
    ("pages/map_explorer.py", {"map_table": "true"}, ("dataframe", "")),  # the page with its table opened
    ("pages/place_profile.py", {}, ("selectbox", "Area")),
    ("pages/data_and_methods.py", {}, ("title", "Data and methods")),
    ("pages/inequalities.py", {"ineq_tab": "By deprivation"}, ("radio", "Units ranked by deprivation")),
    ("pages/inequalities.py", {"ineq_tab": "Life expectancy"}, ("selectbox", "Measure")),
    ("pages/inequalities.py", {"ineq_tab": "Smoking"}, ("radio", "Measure")),
    ("pages/inequalities.py", {"ineq_tab": "Spine chart"}, ("selectbox", "Area")),
    ("pages/core20plus5.py", {"c20_tab": "Core20"}, ("radio", "Areas")),
    ("pages/core20plus5.py", {"c20_tab": "PLUS groups"}, ("selectbox", "PLUS measure")),
    ("pages/core20plus5.py", {"c20_tab": "5 clinical areas"}, ("subheader", "Adults")),
    ("pages/core20plus5.py", {"c20_tab": "Scorecard"}, ("dataframe", "")),
]
VINTAGES = ("2019", "2025")
#: The ICBs are split into this many tests per vintage (every SHARDS-th ICB): short reports, and tests small enough
#: (3 ICBs, some 25 CPU seconds) for pytest-xdist to balance between workers.
SHARDS = 14
#: ICBs named in the module docstring as cases that need care: each must be among those swept (ODS codes).
REGRESSION_ICBS = {"QE1", "QHM", "QNX", "QXU", "QNQ", "QT6"}


@pytest.fixture(scope="module")
def icbs(db) -> list[dict[str, str]]:  # noqa: ARG001 - `db` builds the database first
    """Every ICB exactly as `python -m lsc_phm icbs` prints it."""
    out = subprocess.run([sys.executable, "-m", "lsc_phm", "icbs"], capture_output=True, text=True, check=True)
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 42  # England's 42 ICBs (ONS ICB names and codes, April 2024)
    return rows


def unusual_icbs(db) -> set[str]:
    """ODS codes of the ICBs whose ONS code changes between the vintages or that lack a national IMD decile in either
    vintage (found in the database, not listed by hand): the cases most likely to break."""
    unusual = db.execute(
        "select icb_ods_code from mart_lsoas group by icb_ods_code "
        "having count(distinct icb_code) > 1 or min(imd_vintage) = max(imd_vintage) "
        "or count(distinct imd_decile) filter (where imd_vintage = 2019) < 10 "
        "or count(distinct imd_decile) filter (where imd_vintage = 2025) < 10"
    )
    return set(unusual["icb_ods_code"])


def test_the_sweep_covers_every_listed_icb_and_the_unusual_ones(db, icbs) -> None:
    swept = {row["icb_ods_code"] for shard in range(SHARDS) for row in icbs[shard::SHARDS]}
    assert len(swept) == 42
    # Sussex and Surrey Heartlands change ONS code; Frimley, Cornwall and Surrey Heartlands lack a national decile
    assert {"QNX", "QXU", "QNQ", "QT6"} <= unusual_icbs(db)
    assert REGRESSION_ICBS | unusual_icbs(db) <= swept


@pytest.fixture(scope="module", autouse=True)
def full_error_details():
    """Show exception messages in AppTest (the app's config redacts them, as production should)."""
    before = streamlit_config.get_option("client.showErrorDetails")
    streamlit_config.set_option("client.showErrorDetails", "full")
    st.cache_data.clear()
    yield
    streamlit_config.set_option("client.showErrorDetails", before)


def _ran(app: AppTest, marker: tuple[str, str]) -> bool:
    kind, label = marker
    if kind == "dataframe":
        return len(app.dataframe) > 0
    if kind in ("title", "subheader"):
        return any(element.value == label for element in getattr(app, kind))
    return any(widget.label == label for widget in getattr(app, kind))


def run_case(icb_code: str, vintage: str, page: str, params: dict[str, str]) -> AppTest:
    """One script run of ``page`` for one ICB (``LSC_PHM_ICB`` must be set) and vintage, with URL parameters."""
    app = AppTest.from_file(APP_PATH, default_timeout=180)
    app.query_params["imd_vintage"] = vintage
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(page)
    return app.run()


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("vintage", VINTAGES)
def test_every_page_and_tab_runs_for_every_icb(
    db, icbs, monkeypatch: pytest.MonkeyPatch, vintage: str, shard: int
) -> None:
    """Every SHARDS-th ICB (from ``shard``) in one vintage, all its cases one after another (its cache entries stay
    warm: the app's caches are bounded, so visiting all ICBs case by case would evict and recompute them)."""
    failures, runs = [], 0
    started, cpu = time.perf_counter(), time.process_time()
    for number, row in list(enumerate(icbs))[shard::SHARDS]:
        # alternate the listed (2024) ONS code and the ODS code: both must work in both vintages
        code = row["icb_code"] if number % 2 == 0 else row["icb_ods_code"]
        monkeypatch.setenv("LSC_PHM_ICB", code)
        for page, params, marker in CASES:
            app = run_case(code, vintage, page, params)
            runs += 1
            problems = [e.message.splitlines()[0][:300] for e in app.exception] + [e.value[:300] for e in app.error]
            if not problems and not _ran(app, marker):
                problems.append(f"the page stopped before showing its {marker[0]} {marker[1]!r}")
            caption = " ".join(c.value for c in app.sidebar.caption)
            if not problems and f"({row['icb_ods_code']})" not in caption:
                problems.append(f"the sidebar shows another ICB: {caption[:120]!r}")
            if problems:
                failures.append(
                    f"{row['icb_code']} {row['icb_ods_code']} ({code}) {page} {params}: " + "; ".join(problems)
                )
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"IMD {vintage} shard {shard}: {runs} runs in {elapsed:.1f} s ({cpu:.1f} s CPU)")
    assert runs == len(icbs[shard::SHARDS]) * len(CASES)
    assert not failures, f"{len(failures)} of {runs} runs fail (IMD {vintage}):\n" + "\n".join(failures)


@pytest.mark.parametrize("code", ["E54000053", "E54000064", "QNX", "qnx"])
@pytest.mark.parametrize("vintage", [2019, 2025])
def test_an_icb_resolves_in_both_vintages_by_either_ons_code(db, code: str, vintage: int) -> None:
    # NHS Sussex ICB: E54000053 (ICB22, July 2022 lookup, 995 LSOAs 2011) and E54000064 (ICB24, April 2024 lookup,
    # 1,029 LSOAs 2021); counts from the two ONS lookups in data/raw
    icb = geography.resolve_icb(db, code, vintage)
    assert (icb.code, icb.ods_code, icb.lsoas) == {2019: ("E54000053", "QNX", 995), 2025: ("E54000064", "QNX", 1029)}[
        vintage
    ]
    assert icb.name == "NHS Sussex Integrated Care Board"


def test_unknown_icb_is_still_an_error(db) -> None:
    with pytest.raises(ValueError, match="unknown ICB code 'E54000099'"):
        geography.resolve_icb(db, "E54000099", 2019)


def _open_clinical_areas(app: AppTest, keys: tuple[str, ...]) -> AppTest:
    """Open clinical-area sections of the Core20PLUS5 page as a click on each would, and rerun."""
    for key in keys:
        app.session_state[f"c20_area_{key}"] = True
    return app.run()


def test_clinical_areas_say_no_data_where_practices_have_no_deprivation_score(monkeypatch: pytest.MonkeyPatch) -> None:
    # North East and North Cumbria: QOF registers exist for its practices, but no practice deprivation score (OHID
    # Fingertips 94240 is shipped for Lancashire and South Cumbria's practices only), so the practice split says so.
    monkeypatch.setenv("LSC_PHM_ICB", "QHM")
    app = run_case("QHM", "2019", "pages/core20plus5.py", {"c20_tab": "5 clinical areas"})
    app = _open_clinical_areas(app, ("hypertension", "respiratory"))  # the tab draws an area only when it is opened
    assert not app.exception
    captions = [c.value for c in app.caption if c.value.startswith("**By practice deprivation:**")]
    assert captions and all("no data for this ICB" in c and "OHID Fingertips 94240" in c for c in captions)
    for key in ("c20_smi", "c20_vaccination", "c20_hypertension"):  # the delivery sections, opened too
        app.session_state[key] = True
    app.run()
    assert not app.exception
    assert any(i.value.startswith("Local register by practice deprivation:") for i in app.info)
    monkeypatch.setenv("LSC_PHM_ICB", "QE1")
    app = run_case("QE1", "2019", "pages/core20plus5.py", {"c20_tab": "5 clinical areas"})
    app = _open_clinical_areas(app, ("hypertension", "respiratory"))
    assert any(m.value.startswith("**By practice deprivation (2024-25):**") for m in app.markdown)


@pytest.mark.usefixtures("db")
def test_cli_accepts_either_vintages_ons_code() -> None:
    # `icbs` lists Sussex as E54000064 (April 2024); with IMD 2019 the CLI must answer for its July 2022 code E54000053
    out = subprocess.run(
        [sys.executable, "-m", "lsc_phm", "--icb", "E54000064", "deprivation", "--imd", "2019", "--level", "icb"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    row = next(csv.DictReader(io.StringIO(out.stdout)))
    assert (row["area_code"], row["lsoas"]) == ("E54000053", "995")
