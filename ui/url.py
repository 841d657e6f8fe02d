"""Widget state shared through the address bar, and user-supplied text echoed safely.

Widgets whose choice belongs in a shareable link are *not* bound to the URL by Streamlit (``bind="query-params"``
writes a ``format_func`` label into the address bar, and a bound parameter cannot be removed by the page). Instead
:func:`seed` starts the widget from the URL once, accepting a code, a label or a name (case-insensitive), and
:func:`sync` writes the chosen *code* back after the widget has run. Anything typed into a URL is echoed only through
:func:`plain`: shortened and shown as an inline code span, so a link cannot inject links, images or formatting into
the app's own messages.

Why a code span and not backslash escapes: Streamlit renders messages with GitHub-flavoured Markdown, whose
*autolink literals* turn ``http://...``, ``www.example`` and ``name@example.org`` into working links even when every
Markdown special character is backslash-escaped, and it expands ``:material/...:`` icons regardless of escapes
(both checked in the browser with Streamlit 1.67). Inside a code span nothing is interpreted: no links, images,
HTML, colour directives, icons or maths.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import streamlit as st

MAX_ECHO = 60
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=&\"'])")


def _shorten(text: object, limit: int) -> str:
    value = "".join(ch if ch.isprintable() else " " for ch in str(text))
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def plain(text: object, limit: int = MAX_ECHO) -> str:
    """User-supplied text as inert Markdown: an inline code span, shortened to ``limit`` characters.

    Control characters and runs of white space become single spaces; backticks (which would end the span) become
    the look-alike ``ˋ`` (U+02CB); empty text is shown as ``(empty)``.

    Examples
    --------
    >>> plain("[Sign in](https://evil.example)")
    '`[Sign in](https://evil.example)`'
    >>> plain("x" * 100, limit=5)
    '`xxxx…`'
    """
    value = _shorten(text, limit).replace("`", "\u02cb")
    return f"`{value}`" if value else "(empty)"


def escape(text: object, limit: int = 120) -> str:
    """The app's own text (e.g. an area label from the database) for a Markdown message: shortened, with every
    Markdown/HTML special character backslash-escaped. Not for user-supplied text: use :func:`plain`."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _shorten(text, limit))


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


def seed(
    key: str, options: Sequence[str], default: str, what: str, notes: list[str], labels: Mapping[str, str] | None = None
) -> None:
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
                instead = f"“{escape(labels[default])}”" if labels and default in labels else "the default"
                notes.append(
                    f"The link asked for {what} {plain(wanted)}, which is not available here, so the page "
                    f"shows {instead} instead."
                )
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


def seed_number(key: str, low: float, high: float, default: float, what: str, notes: list[str]) -> None:
    """Start a number input ``key`` from ``?key=`` on the first run; text that is not a finite number from ``low``
    to ``high`` adds a safe note and uses the default."""
    if key in st.session_state:
        return
    wanted = st.query_params.get(key)
    value = default
    if wanted is not None:
        try:
            parsed = float(wanted)
        except ValueError:
            parsed = float("nan")
        if low <= parsed <= high:  # false for NaN and infinities
            value = parsed
        else:
            notes.append(
                f"The link asked for {what} {plain(wanted)}, which is not a number from {low:g} to "
                f"{high:g}, so the page uses {default:g}."
            )
    st.session_state[key] = value


def drop(key: str) -> None:
    """Remove ``key`` from the address bar (a choice that no longer applies)."""
    if key in st.query_params:
        del st.query_params[key]
