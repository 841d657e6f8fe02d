"""Map explorer: any indicator as a choropleth of the ICB, with a profile of the area you click and the same values
as a table to sort and download."""

import json

import pandas as pd
import streamlit as st

from lsc_phm import indicators
from lsc_phm.domain import core20_movers, deprivation, geography, part_areas
from lsc_phm.domain.geography import LEVEL_LABELS, LEVEL_PLURALS, MAP_LEVELS, SHAPE_NOTES
from lsc_phm.render import map_classes, map_geometry, map_updates, maps
from lsc_phm.render.formats import period_label, periods_in_text
from lsc_phm.render.text import markdown_text
from ui import components, leaflet, state, url, user_area
from ui.frame import require_app_frame

require_app_frame()

KEYS = {"indicator": "map_indicator", "level": "map_level", "period": "map_period", "area": "map_area"}
MAP_KEY = "map_explorer_map"
#: The list of areas beside the map (opened on request) and the choice made in it.
AREA_LIST_KEY, AREA_PICK_KEY = "map_area_list", "map_area_pick"
#: The "Map options" popover (its widgets are created only while it is open).
OPTIONS_KEY = "map_options"
DEFAULT_INDICATOR = "imd_score"
#: Indicators shown in an area's profile besides the one mapped (at the area's level, or its nearest parent's).
PROFILE_INDICATORS = (
    "census_bad_health",
    "imd_score",
    "core20_population_share",
    "smoking_adults",
    "qof_hyp",
    "le_male",
    "le_female",
)
PARENT_LEVELS = ("ward", "district", "place", "sicbl")
SINGULAR = {
    "lsoa": "LSOA",
    "msoa": "MSOA",
    "ward": "ward",
    "district": "district",
    "place": "place",
    "sicbl": "sub-ICB location",
}
#: Why an indicator has no values at some map levels, by the kind of source.
WHY_NOT = {
    "qof": "QOF registers are published per GP practice; practices are grouped into sub-ICB locations, not into "
    "neighbourhoods, so QOF maps at sub-ICB level only.",
    "published": "this series is published for local authorities (districts and upper-tier areas), not for wards "
    "or LSOAs.",
    "decile": "a national decile belongs to a single LSOA; for larger areas map the IMD score or the Core20 share.",
    "lsoa_share": "an LSOA is either in the most deprived 20% (or 10%) or not; map the IMD decile instead.",
    "census": "Census 2021 counts use 2021 LSOAs, so they are shown with the IMD 2025 geography only.",
    "modelled": "the modelled prevalence is on 2011 LSOAs, so it is shown with the IMD 2019 geography only.",
}

icb = state.current_icb()

st.title("Map explorer")
st.markdown(
    "Choose an indicator, a geography and a period. **Hover** an area for its value, **click** it (or pick it in the "
    "list beside the map) for its profile. Decile 1 = the most deprived 10% of neighbourhoods in England."
)

try:
    leaflet.ensure_static_leaflet()
except (RuntimeError, OSError) as error:
    st.error(f"The map library could not be prepared, so maps cannot draw: {error}")

if not state.has_boundaries(icb):
    st.warning(f"No boundaries are shipped for {icb.name}, so there is no map; the table below still lists the values.")


# ------------------------------------------------------------------------------------------- cached page data


DISTRICT_FILTER_KEY = "map_table_district"
#: The table under the map: the columns a person reads; the optional ones only where some row has a value.
TABLE_COLUMNS = ["area_name", "area_code", "district", "place", "value"]
OPTIONAL_COLUMNS = ["lowercl", "uppercl", "numerator", "denominator", "comparison", "suppressed"]
ALL_DISTRICTS = "All districts"
#: Levels with many areas per district, where the district filter is offered.
SMALL_LEVELS = ("lsoa", "msoa", "ward")


@st.cache_resource(show_spinner=False, max_entries=16)
def _layer(vintage: int, icb_code: str, level: str) -> pd.DataFrame:
    """Encoded geometry per (vintage, level): built once per server process, never mutated."""
    return map_geometry.encode_layer(state.database().query("boundaries", vintage=vintage, icb=icb_code, level=level))


@st.cache_resource(show_spinner=False, max_entries=8)
def _core20_outline(vintage: int, icb_code: str) -> str | None:
    frame = state.database().query("map_core20_lsoas", vintage=vintage, icb=icb_code)
    return map_geometry.outline(frame["geometry_json"])


@st.cache_resource(show_spinner=False, max_entries=4)
def _mover_outlines(icb_: geography.Icb) -> tuple[tuple[str, str], ...]:
    """Outlines of the LSOAs entering and leaving the Core20 (IMD 2019 -> 2025; 2021 LSOAs), immutable strings."""
    boundaries = state.database().query("boundaries", vintage=2025, icb=icb_.code, level="lsoa")
    return maps.mover_outlines(boundaries, core20_movers.mover_lsoas(state.database(), icb_))


@st.cache_data(show_spinner=False, max_entries=16)
def _parents(vintage: int, icb_code: str, level: str) -> pd.DataFrame:
    parents = state.database().query("map_area_parents", vintage=vintage, icb=icb_code, level=level)
    return part_areas.label_parent_names(state.database(), state.icb(icb_code, vintage), parents)


@st.cache_data(show_spinner=False, max_entries=16)
def _context(icb_: geography.Icb, level: str) -> tuple[pd.Series, str]:
    """One deprivation line per area for the tooltip: an LSOA's national decile, else the Core20 population share."""
    if level == "lsoa":
        parents = _parents(icb_.imd_vintage, icb_.code, level).set_index("area_code")
        text = parents["imd_decile"].map(
            lambda d: "no data"
            if pd.isna(d)
            else f"{int(d)}" + (" (most deprived 10%)" if d == 1 else " (least deprived 10%)" if d == 10 else "")
        )
        return text, f"IMD {icb_.imd_vintage} national decile"
    if level == "msoa":  # no File 10-style summary for MSOAs: the share summed here from their LSOAs
        summaries = state.indicator_values(icb_, "core20_population_share", level, str(icb_.imd_vintage))
        summaries = summaries.set_index("area_code")
    else:
        summaries = state.deprivation_summaries(icb_, level, icb_.imd_vintage).set_index("area_code")
        summaries = summaries.rename(columns={"core20_population_share": "value"})
    text = summaries["value"].map(lambda v: "no data" if pd.isna(v) else f"{v:.1f}%")
    return text, f"Core20 population (IMD {icb_.imd_vintage} deciles 1-2)"


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _classified(icb_: geography.Icb, indicator_id: str, level: str, period: str, method: str, scale: str):
    """The values mapped (value or difference from England) and their legend, per indicator, level and period."""
    indicator = indicators.get(indicator_id)
    table = state.indicator_values(icb_, indicator_id, level, period)
    values = table.set_index("area_code")["value"]
    if scale == "difference":
        values = values - table.set_index("area_code")["england_value"]
        title = f"{indicator.name}, {period_label(period)}: difference from England"
    else:
        title = f"{indicator.name}, {period_label(period)} ({indicator.unit})"
    legend = map_classes.classify(
        values,
        method,
        title=title,
        unit=indicator.unit,
        decimals=indicator.decimals,
        deciles=indicator.value_type == "decile" and scale == "value",
        diverging=scale == "difference",
        suppressed=int(table["suppressed"].sum()),
    )
    return values, legend


@st.cache_resource(show_spinner=False, max_entries=24, ttl=3600)
def _rendered_map(
    icb_: geography.Icb,
    indicator_id_: str,
    level_: str,
    period_: str,
    method_: str,
    scale_: str,
    show_core20_: bool,
    base_map_: bool,
    focus_district: str | None = None,
    show_movers_: bool = False,
):
    """The map for one selection, rendered once to immutable strings and shared by every session.

    The folium object is built and rendered inside this call and then dropped: sessions share only the strings
    (:class:`ui.leaflet.RenderedMap`), the legend (frozen) and each area's fill as a tuple of (code, colour) pairs,
    so concurrent sessions never render (or change) one object at the same time, and reruns (a click, pan and zoom)
    render nothing. tests/pages/test_map_concurrency.py checks that every value cached here is deeply immutable.
    """
    outline = _core20_outline(icb_.imd_vintage, icb_.code) if show_core20_ else None
    movers = _mover_outlines(icb_) if show_movers_ else ()
    return _render_map(
        icb_, indicator_id_, level_, period_, method_, scale_, outline, base_map_, focus_district, movers
    )


def _render_map(
    icb_: geography.Icb,
    indicator_id_: str,
    level_: str,
    period_: str,
    method_: str,
    scale_: str,
    outline: str | None,
    base_map_: bool,
    focus_district: str | None = None,
    movers: tuple[tuple[str, str], ...] = (),
):
    """Build and render one map (uncached: a user-defined area's outline is drawn per session, never shared)."""
    indicator_ = indicators.get(indicator_id_)
    values, legend = _classified(icb_, indicator_id_, level_, period_, method_, scale_)
    table_ = state.indicator_values(icb_, indicator_id_, level_, period_)
    context, context_label = _context(icb_, level_)
    built = maps.choropleth(
        _layer(icb_.imd_vintage, icb_.code, level_),
        table_,
        legend,
        map_values=values,
        value_label=f"{indicator_.name}, {period_label(period_)}",
        unit=indicator_.unit,
        decimals=indicator_.decimals,
        context=context,
        context_label=context_label,
        comparison_label="England"
        + (" (compared)" if indicator_.has_ci else " (OHID comparison)" if indicator_.publisher_comparison else ""),
        show_comparison=indicator_.has_ci or indicator_.publisher_comparison,
        base_map=base_map_,
        focus_codes=_district_codes(icb_, level_, focus_district),
        defer_payload=True,
        mover_outlines=movers,
    )
    fills = tuple(zip(built.rows["area_code"], built.rows["fill"], strict=False))
    # One Leaflet map per geometry and background: a new indicator, period, colour scheme, outline or zoom is sent to
    # the map already drawn as an update (map_updates.update_script), not drawn as a new map.
    rendered = leaflet.render_map(
        built, MAP_KEY, identity=(icb_.code, icb_.imd_vintage, level_, base_map_, bool(movers))
    )
    return rendered, legend, outline is not None, fills, map_updates.update_script(built, outline)


def _district_codes(icb_: geography.Icb, level_: str, district: str | None) -> frozenset[str] | None:
    """The codes of the areas (LSOAs or wards) in one district, to zoom the map to; None for all."""
    if not district or level_ not in ("lsoa", "msoa", "ward"):
        return None
    parents = _parents(icb_.imd_vintage, icb_.code, level_)
    return frozenset(parents.loc[parents["lad_name"] == district, "area_code"])


def _static_maps():
    """The PNG renderer (matplotlib, geopandas: about 50 MB), imported when a PNG is asked for, not on every view."""
    from lsc_phm.render import static_maps

    return static_maps


#: The larger areas drawn and named on the PNG, by map level (for context where the map is zoomed in).
PNG_BOUNDARIES = {
    "lsoa": ("district", "lad_name"),
    "msoa": ("district", "lad_name"),
    "ward": ("district", "lad_name"),
    "district": ("district", "lad_name"),
    "place": ("place", "place_name"),
    "sicbl": ("sicbl", "sicbl_name"),
}


def _map_png(legend, fills, focus: str | None, outline_label: str | None) -> bytes | None:
    """The PNG of the map as the user sees it: the district zoom, a title naming indicator, period and geography,
    the legend, district (or place) boundaries and names, a scale bar, and the outline if one is shown."""
    where = focus or icb.name
    boundary_level, name_column = PNG_BOUNDARIES.get(level, ("district", "lad_name"))
    names = _parents(icb.imd_vintage, icb.code, boundary_level)[["area_code", name_column]]
    boundaries = state.query("boundaries", vintage=icb.imd_vintage, icb=icb.code, level=boundary_level).merge(
        names.rename(columns={name_column: "area_name"}), on="area_code", how="left"
    )
    outline_json = None
    if outline_label:
        encoded = user_area.outline(icb, drawn) if show_drawn else _core20_outline(icb.imd_vintage, icb.code)
        outline_json = json.dumps(map_geometry.decode_geometry(json.loads(encoded))) if encoded else None
    return _static_maps().choropleth_png(
        state.query("boundaries", vintage=icb.imd_vintage, icb=icb.code, level=level),
        pd.DataFrame(list(fills), columns=["area_code", "fill"]),
        [(c.label, c.colour) for c in (*legend.classes, *legend.missing)],
        f"{legend.title}\n{LEVEL_PLURALS[level][:1].upper()}{LEVEL_PLURALS[level][1:]} in {where}",
        focus_codes=_district_codes(icb, level, focus),
        boundaries=boundaries,
        outline_geometry=outline_json,
        outline_label=outline_label,
    )


def _why_not(indicator: indicators.Indicator, missing: list[str]) -> str:
    if indicator.id.startswith("qof_"):
        reason = WHY_NOT["qof"]
    elif indicator.value_type == "decile":
        reason = WHY_NOT["decile"]
    elif indicator.id in ("core20_population_share", "pct_lsoas_most_deprived_10"):
        reason = WHY_NOT["lsoa_share"]
    elif any(source.startswith(("fingertips", "ons_")) for source in indicator.sources):
        reason = WHY_NOT["published"]
    else:
        reason = indicator.notes or "the source has no values for these areas."
    msoa = ""
    if "msoa" in missing and "lsoa" not in missing and icb.imd_vintage != 2019:  # LSOA values, on 2021 LSOAs
        missing = [level for level in missing if level != "msoa"]
        msoa = f"Not available by MSOA: {geography.MSOA_NOT_AVAILABLE}."
    if not missing:
        return msoa
    names = ", ".join(LEVEL_LABELS[level] for level in missing)
    return f"Not available by {names}: {reason}" + (f" {msoa}" if msoa else "")


# ------------------------------------------------------------------------------------------- choices (and the URL)

notes: list[str] = []


def _seed(key: str, options: list[str], default: str, what: str) -> None:
    url.seed(key, options, default, what, notes)


def _indicator_changed() -> None:
    """A new indicator starts at its most recent period (an invalid value makes _seed pick the default)."""
    st.session_state[KEYS["period"]] = ""


# ------------------------------------------------------------------------------------------- map and profile


def _on_map_click() -> None:
    """A click on the map selects that area (the tooltip text carries its code in brackets)."""
    returned = st.session_state.get(MAP_KEY) or {}
    code = map_updates.tooltip_code(returned.get("last_object_clicked_tooltip"))
    if code and code in st.session_state.get("_map_area_codes", ()):
        st.session_state[KEYS["area"]] = code


def _on_area_picked() -> None:
    """An area chosen in the list is the selection (as a click on the map makes it)."""
    st.session_state[KEYS["area"]] = st.session_state.get(AREA_PICK_KEY)


def _is_parent(parent: str, level_: str) -> bool:
    """Whether ``parent`` is shown as containing an area of ``level_`` (MSOAs do not nest in wards)."""
    return not (level_ == "msoa" and parent == "ward")


def _profile(code: str) -> None:
    parents_ = _parents(icb.imd_vintage, icb.code, level).set_index("area_code")
    row = parents_.loc[code] if code in parents_.index else None
    st.subheader(markdown_text(area_names.get(code, code)))
    st.caption(f"{LEVEL_LABELS[level]} · {code}")
    if row is not None:
        chain = [
            (lvl, row[f"{col}_code"], row[f"{col}_name"])
            for lvl, col in (("ward", "ward"), ("district", "lad"), ("place", "place"), ("sicbl", "sicbl"))
            if MAP_LEVELS.index(lvl) > MAP_LEVELS.index(level) and _is_parent(lvl, level)
        ]
        if chain:
            st.markdown("**Part of** " + "; ".join(f"{SINGULAR[lvl]}: {markdown_text(name)}" for lvl, _, name in chain))
    st.markdown("**Deprivation**")
    places = indicators.get("imd_score").decimals  # the registry's decimals for an IMD score, at every level
    if level == "lsoa" and row is not None:
        st.markdown(
            f"IMD {icb.imd_vintage} score **{row['imd_score']:.{places}f}**, rank **{int(row['imd_rank']):,}** of "
            f"England's LSOAs (1 = most deprived), national decile **{int(row['imd_decile'])}**"
            + (" — **Core20**" if deprivation.is_core20(row["imd_decile"]) else "")
            + "."
        )
    elif level == "msoa":
        score = state.indicator_values(icb, "imd_score", level, str(icb.imd_vintage)).set_index("area_code")
        share = state.indicator_values(icb, "core20_population_share", level, str(icb.imd_vintage))
        share = share.set_index("area_code")
        if code in score.index and code in share.index:
            st.markdown(
                f"IMD {icb.imd_vintage} score **{score.loc[code, 'value']:.{places}f}** (population-weighted average "
                f"of its LSOAs' scores, computed here), **{share.loc[code, 'value']:.1f}%** of people in Core20 "
                "neighbourhoods."
            )
        else:
            st.caption("No deprivation figures for this area.")
    else:
        summary = state.deprivation_summaries(icb, level, icb.imd_vintage).set_index("area_code")
        if code in summary.index:
            s = summary.loc[code]
            st.markdown(
                f"Average IMD score **{s['avg_score']:.{places}f}** (rank {int(s['avg_score_rank'])} of "
                f"{int(s['areas_ranked'])}; 1 = most deprived), **{s['pct_lsoas_most_deprived_10']:.1f}%** of its "
                f"{int(s['lsoas'])} LSOAs in England's most deprived 10%, **{s['core20_population_share']:.1f}%** of "
                f"people in Core20 neighbourhoods."
            )
        else:
            st.caption("No deprivation summary for this area.")
    st.markdown("**Indicators** (this area, or the nearest larger area with data)")
    for record in _profile_table(icb, indicator_id, level, code).to_dict("records"):
        st.markdown(
            f"- **{record['Indicator']}**, {markdown_text(record['Area'])}, {record['Period']}: **{record['Value']}** "
            f"(England {record['England']}; ICB {record['ICB']}"
            + (
                f"; {record['vs England'].lower()} than England"
                if record["vs England"] in ("Better", "Worse", "Higher", "Lower")
                else "; similar to England"
                if record["vs England"] == "Similar"
                else ""
            )
            + (f", {record['Basis']}" if str(record["Basis"]).startswith("OHID") else "")
            + ")"
        )
    st.caption(
        "vs England: an interval test at 95% where an interval exists; otherwise OHID's own comparison where "
        "published (labelled); otherwise not compared. ICB = the whole of " + icb.name + "."
    )


@st.cache_data(show_spinner=False, max_entries=256, ttl=3600)
def _profile_table(icb_: geography.Icb, indicator_id_: str, level_: str, code: str) -> pd.DataFrame:
    """An area's indicators (its own level or the nearest larger area with data), computed once per area."""
    available_ = state.availability(icb_)
    parents_ = _parents(icb_.imd_vintage, icb_.code, level_).set_index("area_code")
    row = parents_.loc[code] if code in parents_.index else None
    records = []
    for other_id in dict.fromkeys((indicator_id_, *PROFILE_INDICATORS)):
        other = indicators.get(other_id)
        availability = available_[other_id]
        candidates = [(level_, code)]
        if row is not None:
            candidates += [
                (lvl, row[f"{'lad' if lvl == 'district' else lvl}_code"])
                for lvl in PARENT_LEVELS
                if MAP_LEVELS.index(lvl) > MAP_LEVELS.index(level_) and _is_parent(lvl, level_)
            ]
        for lvl, area in candidates:
            latest = availability.latest(lvl)
            if latest is None:
                continue
            values = state.indicator_values(icb_, other_id, lvl, latest).set_index("area_code")
            if area not in values.index:
                continue
            found = values.loc[area]
            icb_value = None
            if availability.latest("icb") is not None and latest in availability.periods("icb"):
                icb_table = state.indicator_values(icb_, other_id, "icb", latest)
                icb_value = icb_table["value"].iloc[0] if len(icb_table) else None
            records.append(
                {
                    "Indicator": other.name,
                    "Area": found["area_name"] if lvl == level_ else f"{found['area_name']} ({SINGULAR[lvl]})",
                    "Period": period_label(latest),
                    "Value": maps.value_text(
                        found["value"],
                        found["lowercl"],
                        found["uppercl"],
                        bool(found["suppressed"]),
                        other.unit,
                        other.decimals,
                    ),
                    "ICB": map_classes.format_value(icb_value, other.unit, other.decimals)
                    if icb_value is not None
                    else "–",
                    "England": map_classes.format_value(found["england_value"], other.unit, other.decimals),
                    "vs England": found["comparison"],
                    "Basis": found.get("comparison_basis", ""),
                }
            )
            break
    return pd.DataFrame.from_records(records)


@st.fragment
def map_and_profile() -> None:
    """The map and the selected area's profile rerun on their own when an area is clicked (not the whole page)."""
    left, right = st.columns([3, 2], gap="medium")
    layer = _layer(icb.imd_vintage, icb.code, level)
    district = st.session_state.get(DISTRICT_FILTER_KEY) if level in SMALL_LEVELS else None
    focus = None if district in (None, ALL_DISTRICTS) else district
    if show_drawn:  # the user's own outline: rendered for this session, not kept in the shared cache
        rendered, legend, outlined, drawn_fills, update = _render_map(
            icb, indicator_id, level, period, method, scale, user_area.outline(icb, drawn), base_map, focus
        )
    else:
        rendered, legend, outlined, drawn_fills, update = _rendered_map(
            icb, indicator_id, level, period, method, scale, show_core20, base_map, focus, show_movers
        )
    st.session_state["_map_area_codes"] = tuple(area_names)
    with left:
        outline_label = (
            f"Your area (user-defined, {len(drawn.lsoa_codes)} LSOAs): {drawn.name} (outline)"
            if show_drawn
            else "Core20 LSOAs (outline)"
        )
        st.html(
            maps.legend_html(
                legend,
                outline_label if outlined else None,
                tuple(m for m, _ in _mover_outlines(icb)) if show_movers and not show_drawn else (),
            )
        )
        with st.container():
            if show_movers and not show_drawn:
                st.caption(core20_movers.MOVERS_CAVEAT)
            if show_drawn:
                st.caption(user_area.describe(drawn))
        if layer.empty:
            st.info("No boundaries to draw for this level.")
        else:
            leaflet.show_map(
                rendered,
                key=MAP_KEY,
                height=600,
                on_change=_on_map_click,
                update=update + map_updates.select_script(st.session_state.get(KEYS["area"])),
            )
            components.download_png(
                lambda: _map_png(
                    legend, drawn_fills, focus, (drawn.name if show_drawn else "Core20 LSOAs") if outlined else None
                ),
                f"map_{indicator_id}_{level}_{period}",
                key="map_png",
            )
        components.source_caption(
            f"{indicator.name}, {period_label(period)}. Boundaries: ONS (Open Government Licence), simplified"
            + f"; {SHAPE_NOTES[level]}"
            + ". "
            "Grey = suppressed (count below 10) or no data."
        )
    with right:
        selected = st.session_state.get(KEYS["area"])
        # The list of every area (a thousand LSOAs) is sent and drawn only while it is open: drawn on every run, it
        # was about a third of the browser's work on each indicator change. Its choice goes to the selection
        # (KEYS["area"]), which a click on the map also sets.
        with st.expander(
            f"Choose from the list of {len(area_names):,} {LEVEL_PLURALS[level]}",
            key=AREA_LIST_KEY,
            on_change="rerun",
            icon=":material/list:",
        ) as area_list:
            if area_list.open:
                st.session_state[AREA_PICK_KEY] = selected
                st.selectbox(
                    f"Area ({LEVEL_PLURALS[level]})",
                    sorted(area_names, key=lambda c: area_names[c]),
                    key=AREA_PICK_KEY,
                    index=None,
                    format_func=lambda c: f"{area_names[c]} ({c})",
                    placeholder="Type a name or code",
                    on_change=_on_area_picked,
                )
        url.sync(KEYS["area"], selected, None)
        if selected:
            _profile(selected)
        else:
            st.info(
                "Click an area on the map (or choose one from the list above) to see its deprivation, its "
                "indicators against England and the ICB, and the larger areas it belongs to."
            )


# ------------------------------------------------------------------------------------------- the explorer


def _map_options(indicator_: indicators.Indicator, has_england: bool, drawn_here: bool) -> None:
    """The map options (in the "Map options" popover): classes, colour scale, outlines and the street map. Their
    values are read from the session, so they hold while the popover is closed (``persist_state="page"``)."""
    st.radio(
        "Classes",
        list(map_classes.METHODS),
        format_func=map_classes.METHODS.get,
        key="map_method",
        horizontal=True,
        disabled=indicator_.value_type == "decile",
        persist_state="page",
        help="Quantiles put the same number of areas in each colour; natural breaks (Fisher-Jenks) group "
        "similar values together. Deciles always show 10 classes.",
    )
    st.radio(
        "Colour by",
        list(maps.SCALES),
        format_func=maps.SCALES.get,
        key="map_scale",
        horizontal=True,
        disabled=not has_england,
        persist_state="page",
        help="Difference from England uses a diverging palette centred on 0 (green below, pink above)."
        + ("" if has_england else " No England value is published for this indicator."),
    )
    show_drawn = drawn_here and st.toggle(
        "Your area",
        value=True,
        key="map_user_area",
        persist_state="page",
        help="Outline of the area you drew on the Your data page (user-defined, this session only).",
    )
    st.toggle(
        "Core20",
        key="map_core20",
        disabled=show_drawn,
        persist_state="page",
        help=f"Outline of LSOAs in national IMD {icb.imd_vintage} deciles 1-2 (Core20)."
        + (" One outline at a time: switch 'Your area' off to see it." if show_drawn else ""),
    )
    st.toggle(
        "Core20 movers",
        key="map_core20_movers",
        disabled=icb.imd_vintage != 2025,
        persist_state="page",
        help="LSOAs that entered (solid) or left (dotted) England's most deprived 20% between IMD 2019 and "
        "IMD 2025 (2021 LSOAs: choose IMD 2025 in the sidebar).",
    )
    st.toggle(
        "Street map",
        value=True,
        key="map_tiles",
        persist_state="page",
        help="Street map under the areas. It needs internet; without it the areas still draw.",
    )


def _controls(controls, mappable, levels, periods, parents, has_england: bool, drawn_here: bool) -> None:
    """The indicator, geography, period and district choices and the "Map options" popover, in the columns made for
    them above the map (their values were read from the session before the map was drawn)."""
    with controls[0]:
        st.selectbox(
            "Indicator",
            mappable,
            key=KEYS["indicator"],
            format_func=lambda i: f"{indicators.get(i).theme} · {indicators.get(i).name}",
            help="Grouped by theme. Only indicators with values for areas you can map are listed.",
            on_change=_indicator_changed,
        )
    with controls[1]:
        st.selectbox("Geography", levels, key=KEYS["level"], format_func=LEVEL_LABELS.get)
    with controls[2]:
        st.selectbox("Period", periods, key=KEYS["period"], help="Most recent first.", format_func=period_label)
    with controls[3]:
        if level in SMALL_LEVELS:  # districts hold many of these: zoom to one (the table follows)
            st.selectbox(
                "District",
                [ALL_DISTRICTS, *sorted(parents["lad_name"].dropna().unique())],
                key=DISTRICT_FILTER_KEY,
                help="Zooms the map to one district and narrows the table to its areas.",
            )
    # The rarely changed options sit in a popover whose widgets are created only while it is open (their values are
    # kept for the page meanwhile), so the first view draws one kind of control, four selectboxes, and a rerun sends
    # no hidden radios or toggles.
    with (
        controls[4],
        st.popover(
            "Map options", icon=":material/tune:", width="stretch", key=OPTIONS_KEY, on_change="rerun"
        ) as options_box,
    ):
        if options_box.open:
            _map_options(indicator, has_england, drawn_here)


@st.fragment
def explorer() -> None:
    """The controls, the map with its profile, and the table: a fragment, so that an indicator, geography, period
    or map option change reruns this part of the page only (not the frame, sidebar and navigation), and the map
    already drawn is updated in place. The choices are module globals because the map fragment inside (a click
    reruns only that) and its helpers read them."""
    global \
        indicator_id, \
        indicator, \
        level, \
        period, \
        method, \
        scale, \
        drawn, \
        show_drawn, \
        show_core20, \
        show_movers, \
        base_map, \
        area_names
    notes.clear()  # a fragment rerun keeps the module globals: start the notes afresh
    available = state.availability(icb)  # one cached call per run, not one per indicator
    map_levels = {ind.id: [lvl for lvl in available[ind.id].levels if lvl in MAP_LEVELS] for ind in indicators.REGISTRY}
    mappable = [ind.id for ind in indicators.REGISTRY if map_levels[ind.id]]
    not_mappable = [
        ind.name
        for ind in indicators.REGISTRY
        if not map_levels[ind.id] and not ind.sources[0].startswith("modelled_qof")
    ]
    not_mappable_2011 = [
        ind.name for ind in indicators.REGISTRY if not map_levels[ind.id] and ind.sources[0].startswith("modelled_qof")
    ]

    # The map is drawn first in the run and the controls after it, into places made above it: the browser receives
    # (and starts loading) the map component before the controls. The choices are read from the session and the URL
    # (the widgets' own state), so nothing here waits for a widget.
    controls = st.columns([2.6, 1.8, 1.3, 1.7, 2.1], vertical_alignment="bottom")
    why_not_box, drawn_box, notes_box = st.container(), st.container(), st.container()
    _seed(KEYS["indicator"], mappable, DEFAULT_INDICATOR, "indicator")
    indicator_id = st.session_state[KEYS["indicator"]]
    indicator = indicators.get(indicator_id)
    levels = map_levels[indicator_id]
    _seed(KEYS["level"], levels, levels[0], "geography level")
    level = st.session_state[KEYS["level"]]
    periods = list(available[indicator_id].periods(level))
    _seed(KEYS["period"], periods, periods[0], "period")
    period = st.session_state[KEYS["period"]]
    parents = _parents(icb.imd_vintage, icb.code, level)
    table = state.indicator_values(icb, indicator_id, level, period)
    has_england = bool(table["england_value"].notna().any())
    drawn = user_area.current()  # an area drawn on the Your data page in this session
    drawn_here = drawn is not None and drawn.vintage == icb.imd_vintage
    chosen = st.session_state
    method = chosen.get("map_method", next(iter(map_classes.METHODS)))
    scale = chosen.get("map_scale", next(iter(maps.SCALES))) if has_england else "value"
    show_drawn = drawn_here and chosen.get("map_user_area", True)
    show_core20 = chosen.get("map_core20", False) and not show_drawn
    show_movers = chosen.get("map_core20_movers", False) and icb.imd_vintage == 2025
    base_map = chosen.get("map_tiles", True)
    area_names = table.set_index("area_code")["area_name"].to_dict()
    _seed(KEYS["area"], [""] + list(area_names), "", "area")
    if st.session_state[KEYS["area"]] == "":
        st.session_state[KEYS["area"]] = None
    url.sync(KEYS["indicator"], indicator_id, DEFAULT_INDICATOR)
    url.sync(KEYS["level"], level, levels[0])
    url.sync(KEYS["period"], period, periods[0])

    map_and_profile()

    _controls(controls, mappable, levels, periods, parents, has_england, drawn_here)
    # Notes that come and go with the choice sit in fixed containers, so the map keeps its place in the page:
    # Streamlit's frontend remounts an element whose place changes, and the map would then be drawn anew instead of
    # updated.
    with why_not_box:
        missing_levels = [lvl for lvl in MAP_LEVELS if lvl not in levels]
        if missing_levels:
            st.caption(f":material/info: {_why_not(indicator, missing_levels)}")
        for names, why in ((not_mappable, WHY_NOT["census"]), (not_mappable_2011, WHY_NOT["modelled"])):
            if names:
                st.caption(f"Not mappable with the IMD {icb.imd_vintage} geography: {', '.join(names)} ({why})")
    with drawn_box:
        if drawn is not None and not drawn_here:
            st.caption(
                f":material/info: Your user-defined area is drawn in the IMD {drawn.vintage} geography; choose "
                f"IMD {drawn.vintage} in the sidebar to see its outline here."
            )
    with notes_box:
        for note in notes:
            st.warning(note, icon=":material/link_off:")

    # ----------------------------------------------------------------------------------- the same values as a table

    st.subheader(f"{indicator.name} by {LEVEL_PLURALS[level]}, {period_label(period)}")
    # Where each area sits: its national IMD decile (an LSOA's own) or, for larger areas, how many of its LSOAs are in
    # deciles 1-2; and its ward (LSOAs only: MSOAs do not nest in wards), district and place.
    context_columns = ["ward_name", "imd_decile"] if level == "lsoa" else ["lsoas", "core20_lsoas"]
    full = table.merge(
        parents[["area_code", "lad_name", "place_name", *context_columns]].rename(
            columns={"lad_name": "district", "place_name": "place", "core20_lsoas": "lsoas_core20"}
        ),
        on="area_code",
        how="left",
    )
    context_columns = [{"core20_lsoas": "lsoas_core20"}.get(c, c) for c in context_columns]
    full = full[
        [
            "area_code",
            "area_name",
            *[c for c in context_columns if c != "imd_decile"],
            "district",
            "place",
            *(["imd_decile"] if "imd_decile" in context_columns else []),
            *[c for c in table.columns if c not in ("area_code", "area_name")],
        ]
    ]
    only = st.session_state.get(DISTRICT_FILTER_KEY, ALL_DISTRICTS) if level in SMALL_LEVELS else ALL_DISTRICTS
    if only not in (None, ALL_DISTRICTS):
        full = full[full["district"] == only]
    full = full.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)
    # Shown: the columns a person reads. What is the same on every row (indicator, period, unit, method, England value,
    # source: about 700 characters a row) goes in the caption and stays in the CSV; sending it on every row made this
    # table's message several times the size of the map's, and delayed the map in the browser.
    shown = full[
        TABLE_COLUMNS[:2]
        + [c for c in context_columns if full[c].notna().any()]
        + TABLE_COLUMNS[2:]
        + [
            c
            for c in OPTIONAL_COLUMNS
            if full[c].notna().any() and (c != "comparison" or indicator.has_ci or indicator.publisher_comparison)
        ]
    ]
    stem = f"{indicator_id}_{level}_{period}".replace(" ", "").replace("/", "-")
    components.download_table(full, stem, key="map_download")
    # The table opens on request and is only then computed and sent: a data grid of a thousand rows under the map made
    # the map itself appear about 0.8 s later on a first visit (benchmarks/bench_map_vs_naive.py). Its state is in the
    # address bar (map_table), so a shared link opens it too.
    table_label = (
        f"Table of the values ({len(full):,} {'area' if len(full) == 1 else 'areas'}"
        + (f" in {markdown_text(only)}" if only not in (None, ALL_DISTRICTS) else "")
        + "): sort by any column"
    )
    with st.expander(
        table_label, key="map_table", on_change="rerun", bind="query-params", icon=":material/table:"
    ) as table_box:
        if table_box.open:
            components.table(
                shown,
                height=400,
                decimals=indicator.decimals,
                unit=indicator.unit,
                column_config={"Area": st.column_config.TextColumn("Area", pinned=True)},
            )
    components.method_popover(
        indicator,
        period,
        table["confidence"].iloc[0] if len(table) else "",
        source=table["source"].iloc[0] if len(table) else "",
        key="map_method_popover",
        on_request=True,
    )
    england = table["england_value"].dropna()
    st.caption(
        f"{indicator.name} ({indicator.unit or 'no unit'}), {period_label(period)}"
        + (
            f"; England {map_classes.format_value(float(england.iloc[0]), indicator.unit, indicator.decimals)}"
            if len(england)
            else ""
        )
        + (f"; {table['method'].iloc[0]}" if len(table) and table["method"].iloc[0] else "")
        + f". {int(full['suppressed'].sum())} of {len(full)} values suppressed (count below 10); suppressed values "
        "stay blank in the download, which also holds the source, method and England value on every row. Source: "
        + periods_in_text(table["source"].iloc[0] if len(table) else ", ".join(indicator.sources))
        + "."
    )


explorer()
