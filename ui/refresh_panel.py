"""The "Sources and releases" block of Data and methods: each source's release, and a refresh run on request only.

Nothing here touches the network until the user ticks the confirmation and presses the button; the refresh then
runs in this session (:func:`lsc_phm.refresh.refresh`), writes what changes as it goes, and on success drops the
cached database and page data so every page shows the new release.
"""

from __future__ import annotations

import streamlit as st

from lsc_phm import refresh
from lsc_phm.views import catalogue
from ui import components, state


def sources_and_refresh() -> None:
    """The sources table (release and retrieval dates) and the confirmed refresh button."""
    st.subheader("Sources and releases")
    st.markdown(
        "Each data set with the publisher's release it holds and the date it was retrieved. Sources marked "
        "with a refresh source can be brought up to date from their publishers; the others are fixed "
        "releases (Census, IMD, boundaries, lookups, population estimates) replaced only by a new vendored "
        "file."
    )
    components.table(catalogue.sources(state.database()), "lsc_phm_sources")
    with st.expander("Refresh from the publishers", icon=":material/sync:"):
        st.markdown(
            "Downloads the latest release of the chosen sources from their publishers (OHID Fingertips, "
            "ONS Explore Local Statistics, NHS England, UKHSA COVER, the CVDPREVENT audit), checks every "
            "file against `data/datasets.toml`, lists what changes, then builds and verifies a new database "
            "and swaps it in. If anything fails, the current data and database are kept and the reason is "
            "shown."
        )
        chosen = st.multiselect("Sources", refresh.NAMES, default=list(refresh.NAMES), key="refresh_sources")
        confirmed = st.checkbox(
            "I want to download from the publishers now and replace the data if every check passes",
            key="refresh_confirmed",
        )
        # A callback, not the button's return value: the app frame may rerun the script once (URL state), which
        # would drop a button's one-run trigger.
        st.button(
            "Refresh now",
            icon=":material/download:",
            disabled=not (confirmed and chosen),
            key="refresh_run",
            on_click=_request,
            args=(tuple(chosen),),
        )
        requested = st.session_state.pop("refresh_requested", None)
        if requested and confirmed:
            _run(requested)


def _request(sources: tuple[str, ...]) -> None:
    st.session_state["refresh_requested"] = sources


def _run(sources: tuple[str, ...]) -> None:
    lines: list[str] = []
    with st.status("Refreshing from the publishers...", expanded=True) as status:

        def report(line: str) -> None:
            lines.append(line)
            st.text(line)

        try:
            result = refresh.refresh(sources, report=report)
        except refresh.RefreshError as error:
            status.update(label="Refresh refused: the current data are kept", state="error")
            st.error(str(error), icon=":material/block:")
            return
        if not result.swapped:
            status.update(label="Already current: nothing to replace", state="complete")
            return
        status.update(label="Refreshed: the new database is in use", state="complete")
    st.cache_data.clear()
    state.database.clear()
    st.success(
        f"Refreshed {len(result.changed)} data set(s); every page now shows the new release.", icon=":material/check:"
    )
