"""The session's user-defined area: an area drawn on the Your data page from a list of LSOA or ward codes (typed, or
an uploaded file), offered like a footprint in the place profile (with its briefing) and as an outline on the map
explorer, for this browser session only.

Nothing is written to disk or the database: the area lives in ``st.session_state`` (this session's memory), and
everything made from it (its profile, its outline) is kept there too, never in a cache shared between sessions.
The user's text (the area's name, the file's name) is cleaned to plain characters before it reaches any sentence,
and shown in page text through :func:`ui.url.plain`.
"""

from __future__ import annotations

import re

import streamlit as st

from lsc_phm.domain import geography
from lsc_phm.render import map_geometry
from lsc_phm.reports import place_report, profile_model
from lsc_phm.views import place_profile_areas, place_profile_user
from lsc_phm.views.place_profile_areas import USER_AREA_CODE
from lsc_phm.views.place_profile_user import UserAreaSpec
from ui import state, url

SESSION_KEY = "user_area"
_MADE_KEY = "_user_area_made"  # {(kind, spec, ...): result} for this session only
NAME_LIMIT = 60
_UNSAFE = re.compile(r"[^\w .,'&()/\-]", re.UNICODE)


def clean_text(text: str, default: str, limit: int = NAME_LIMIT) -> str:
    """User text as plain words for sentences and file names: markdown and HTML characters dropped, spaces and line
    breaks collapsed, shortened to ``limit`` characters; ``default`` when nothing is left. What is kept (letters,
    digits, spaces and . , ' & ( ) / -) can still form a web address: wherever the name reaches Markdown it goes
    through :func:`lsc_phm.render.text.markdown_text` or :func:`ui.url.plain`."""
    cleaned = " ".join(_UNSAFE.sub("", str(text)).replace("_", " ").split())[:limit].strip()
    return cleaned or default


def current() -> UserAreaSpec | None:
    """The session's user-defined area, or None."""
    spec = st.session_state.get(SESSION_KEY)
    return spec if isinstance(spec, UserAreaSpec) else None


def keep(spec: UserAreaSpec) -> None:
    """Make ``spec`` the session's user-defined area (replacing any earlier one, and what was made from it)."""
    if current() != spec:
        st.session_state[SESSION_KEY] = spec
        st.session_state[_MADE_KEY] = {}


def forget() -> None:
    """Drop the session's user-defined area."""
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(_MADE_KEY, None)


def area_choices(areas) -> tuple[list[str], dict[str, str]]:
    """The codes and labels of an area menu (``areas``: ``area_code`` and ``label`` columns), with the area drawn on
    the Your data page in this session added at the end (it is never stored)."""
    codes = list(areas["area_code"])
    labels = dict(zip(areas["area_code"], areas["label"], strict=True))
    drawn = current()
    if drawn is not None:
        codes.append(USER_AREA_CODE)
        labels[USER_AREA_CODE] = label(drawn)
    return codes, labels


def label(spec: UserAreaSpec) -> str:
    """Menu label (plain text), e.g. "Your area (user-defined, from patch.csv): My patch"."""
    return f"{place_profile_areas.LEVEL_WORDS['user']}, from {spec.source}: {spec.name}"


def describe(spec: UserAreaSpec) -> str:
    """Markdown saying what the area is; the user's text only through :func:`ui.url.plain`."""
    what = "LSOA" if spec.geography == "lsoa" else "ward"
    return (
        f"**User-defined area** {url.plain(spec.name)}, drawn from the {what} codes of {url.plain(spec.source)}: "
        f"{len(spec.lsoa_codes):,} LSOAs ({'LSOA 2011, IMD 2019' if spec.vintage == 2019 else 'LSOA 2021, IMD 2025'}"
        " geography). Every figure for it is **computed here from its "
        f"{len(spec.lsoa_codes):,} LSOAs**; published rates are shown per district it lies in, never combined. "
        "It lasts for this browser session only: nothing is saved."
    )


def _made(key: tuple, make):
    made = st.session_state.setdefault(_MADE_KEY, {})
    if key not in made:
        made[key] = make()
    return made[key]


def profile(icb: geography.Icb, spec: UserAreaSpec) -> profile_model.Profile:
    """The area's profile, built once per session (kept in this session's state, not in a shared cache)."""
    return _made(("profile", icb.code, spec), lambda: place_report.build(state.database(), icb, spec))


def attention_list(icb: geography.Icb, spec: UserAreaSpec):
    """The area's attention list (:func:`lsc_phm.views.attention_user_area.user_area_attention`), once per session."""
    from lsc_phm.views import attention_user_area  # only the attention page needs it

    return _made(
        ("attention", icb.code, spec), lambda: attention_user_area.user_area_attention(state.database(), icb, spec)
    )


def outline(icb: geography.Icb, spec: UserAreaSpec) -> str | None:
    """The area's outline for the map explorer (None when it is in another vintage's geography or has no shapes)."""
    if spec.vintage != icb.imd_vintage:
        return None

    def make() -> str | None:
        lsoas = place_profile_user.user_area_lsoas(state.database(), icb, spec)
        return map_geometry.outline(lsoas["geometry_json"].dropna())

    return _made(("outline", icb.code, spec), make)


__all__ = [
    "SESSION_KEY",
    "clean_text",
    "current",
    "keep",
    "forget",
    "label",
    "describe",
    "profile",
    "attention_list",
    "outline",
]
