"""ui.components: charts are sent as Streamlit would send them, without re-validating the spec on every rerun."""

from __future__ import annotations

from lsc_phm.domain import geography
from lsc_phm.render import charts
from lsc_phm.views import overview
from ui import components


def test_unvalidated_spec_is_the_spec_streamlit_sends(db):
    from streamlit.elements import vega_charts

    icb = geography.resolve_icb(db, "E54000048", 2019)
    chart = charts.decile_share_bars(overview.decile_shares(db, icb.code))
    ours = components.vega_lite_spec(chart)
    assert ours == vega_charts._convert_altair_to_vega_lite_spec(chart)
    assert len(ours["datasets"]) == 1 and all(isinstance(v, bytes) for v in ours["datasets"].values())
    assert "config" not in ours or "view" not in ours["config"]  # Altair's default theme is off, as in Streamlit
