"""Make sure every page runs inside app.py's frame (sidebar, IMD vintage, navigation).

Streamlit keeps a process-wide flag, ``PagesManager.uses_pages_directory``, that is True whenever a ``pages/``
folder sits next to the entry script, until some session executes ``st.navigation``. Until then a direct link such
as ``/map_explorer`` is served by the legacy auto-discovery (``_mpa_v1``), which runs the page file on its own,
without ``app.py``: no vintage choice, no wide layout, a file-name page list. The design keeps the ``pages/``
folder (conventions B1), so each page calls :func:`require_app_frame` first: on that legacy path it switches the
server to ``st.navigation`` mode and reruns, and the rerun goes through ``app.py`` to the same page.
(Checked with Streamlit 1.67.0; the browser test opens every page by direct link on a fresh server.)
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_app_frame() -> None:
    """Rerun through app.py if Streamlit's legacy pages/ discovery ran this page directly."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


#: Narrow screens: headline numbers wrap instead of being cut to "1,70…", and shrink a little below
#: 1000 px; wide tables and charts scroll inside their own box rather than pushing the page sideways.
_NARROW_CSS = """
<style>
[data-testid="stMetricValue"] > div { white-space: normal; overflow: visible; text-overflow: clip;
                                      overflow-wrap: anywhere; line-height: 1.15; }
[data-testid="stMetricLabel"] p { white-space: normal; }
[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"] { max-width: 100%; overflow-x: auto; }
@media (max-width: 1000px) {
  [data-testid="stMetricValue"] { font-size: 1.6rem; }
  .block-container, [data-testid="stMainBlockContainer"] { padding-left: 1rem; padding-right: 1rem; }
}
</style>
"""


def narrow_screen_styles() -> None:
    """Add the app-wide CSS that keeps metrics, charts and tables usable on narrow screens (no colours)."""
    st.html(_NARROW_CSS)


#: Below this window width the sidebar starts collapsed (Streamlit's own "auto" collapses only below 768 px).
NARROW_WIDTH = 1024
_COLLAPSE_JS = """
<script>
(function () {
  var host = window.parent;
  try {
    if (host.innerWidth >= %d || host.sessionStorage.getItem("lscSidebarAutoCollapsed")) { return; }
    var tries = 0;
    var timer = host.setInterval(function () {
      var button = host.document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      var sidebar = host.document.querySelector('[data-testid="stSidebar"]');
      if (button && sidebar && sidebar.getAttribute("data-collapsed") !== "true") {
        button.click();
        host.sessionStorage.setItem("lscSidebarAutoCollapsed", "1");  // once per tab: the user may reopen it
        host.clearInterval(timer);
      } else if (++tries > 40) { host.clearInterval(timer); }
    }, 100);
  } catch (error) { /* another origin: leave the sidebar as Streamlit placed it */ }
})();
</script>
"""


def collapse_sidebar_on_narrow_screens() -> None:
    """Start with the sidebar collapsed on windows narrower than :data:`NARROW_WIDTH` (once per browser tab).

    ``st.set_page_config(initial_sidebar_state="auto")`` collapses it only on phone-sized screens (768 px), which
    leaves an 800 px laptop window with half its width taken by the sidebar; the server cannot know the window's
    width, so a script checks it in the browser and presses the sidebar's own collapse button. It runs in the page
    itself (``st.html`` with JavaScript allowed, no frame of its own), so every page's first view loads one document
    fewer.
    """
    st.html(_COLLAPSE_JS % NARROW_WIDTH, unsafe_allow_javascript=True)
