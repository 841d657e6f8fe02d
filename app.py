"""lsc-phm: the frame and router. Page config, the shared sidebar (ICB, IMD vintage) and navigation only."""

import streamlit as st

st.set_page_config(
    page_title="lsc-phm: population health",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="auto",
)

# Everything below can take a moment on a cold start (imports, the database, a page's first query): the spinner
# shows "Preparing data…" whenever a view takes longer than Streamlit's spinner delay, instead of a blank pane.
with st.spinner("Preparing data…"):
    from ui import frame, leaflet, state, vintage

    frame.narrow_screen_styles()
    frame.collapse_sidebar_on_narrow_screens()
    PAGES = [
        st.Page("pages/home.py", title="Overview", icon=":material/home:", default=True),
        st.Page("pages/map_explorer.py", title="Map explorer", icon=":material/map:"),
        st.Page("pages/inequalities.py", title="Inequalities", icon=":material/stacked_bar_chart:"),
        st.Page("pages/core20plus5.py", title="Core20PLUS5", icon=":material/groups:"),
        st.Page("pages/attention.py", title="What needs attention", icon=":material/priority_high:"),
        st.Page("pages/place_profile.py", title="Place profile and briefing", icon=":material/summarize:"),
        st.Page("pages/your_data.py", title="Your data", icon=":material/upload_file:"),
        st.Page("pages/data_and_methods.py", title="Data and methods", icon=":material/dataset:"),
    ]
    navigation = st.navigation(PAGES)

    state.database_or_stop()
    state.show_data_notice()
    try:  # Leaflet into static/ before any map is asked for (static/ itself is in the repository)
        leaflet.ensure_static_leaflet()
    except (RuntimeError, OSError):
        pass  # the map page says what is wrong
    with st.sidebar:
        vintage.sidebar_switch()
        icb = state.current_icb()
        st.caption(f"**{icb.name}** ({icb.ods_code}), {icb.lsoas:,} LSOAs")
        st.page_link("pages/data_and_methods.py", label="Glossary of terms", icon=":material/menu_book:")
        if not state.has_boundaries(icb):
            st.warning(
                "Small-area maps are shipped for Lancashire and South Cumbria only: for this ICB the map shows "
                "no shapes, while tables, charts and briefings work from the England-wide data."
            )

    vintage.compact_switch()  # the same switch, for when the sidebar is closed (narrow windows)
    with state.database_errors_explained():
        navigation.run()
