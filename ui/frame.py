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
