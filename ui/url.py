"""Widget state shared through the address bar, and user-supplied text echoed safely.

Widgets whose choice belongs in a shareable link are *not* bound to the URL by Streamlit (``bind="query-params"``
writes a ``format_func`` label into the address bar, and a bound parameter cannot be removed by the page). Instead
:func:`seed` starts the widget from the URL once, accepting a code, a label or a name (case-insensitive), and
:func:`sync` writes the chosen *code* back after the widget has run. Anything typed into a URL is echoed only through
:func:`plain`: shortened and with every Markdown/HTML control character escaped, so a link cannot inject links,
images or formatting into the app's own messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import streamlit as st

MAX_ECHO = 60
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=&\"'])")


def plain(text: object, limit: int = MAX_ECHO) -> str:
    """User-supplied text as inert Markdown: control characters dropped, shortened, specials backslash-escaped."""
    value = "".join(ch if ch.isprintable() else " " for ch in str(text))
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return _MARKDOWN_SPECIALS.sub(r"\\\1", value)


def match(wanted: str, options: Sequence[str], labels: Mapping[str, str] | None = None) -> str | None:
    """The option a URL value names: the option itself, or (case-insensitively) its code, label or bare name."""
    if wanted in options:
        return wanted
    key = " ".join(str(wanted).split()).casefold()
    for option in options:
        candidates = [str(option)]
        if labels and option in labels:
            label = str(labels[option])
            candidates += [label, label.split(": ", 1)[-1]]
        if any(candidate.casefold() == key for candidate in candidates):
            return option
    return None


def seed(key: str, options: Sequence[str], default: str, what: str, notes: list[str],
         labels: Mapping[str, str] | None = None) -> None:
    """Start the widget ``key`` from ``?key=`` on the first run; an unknown value adds a safe note and uses the default.

    On later runs a session value that is no longer an option (for example after the IMD vintage changed the
    geography) falls back to the default.
    """
    if key not in st.session_state:
        wanted = st.query_params.get(key)
        chosen = None
        if wanted is not None:
            chosen = match(wanted, options, labels)
            if chosen is None:
                instead = f"“{plain(labels[default], 120)}”" if labels and default in labels else "the default"
                notes.append(f"The link asked for {what} “{plain(wanted)}”, which is not available here, so the page "
                             f"shows {instead} instead.")
        st.session_state[key] = chosen if chosen is not None else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default


def sync(key: str, value: str | None, default: str | None) -> None:
    """Write the chosen code to the address bar (and drop it when it is the default)."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
