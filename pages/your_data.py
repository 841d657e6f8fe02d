"""Your data: upload values by area, see them on the map, summed into larger areas, and by deprivation; draw an area.

Everything stays in the browser session: the file is read from memory and nothing is written to the database or disk.
Checking lives in lsc_phm.domain.uploads, aggregation in lsc_phm.domain.upload_aggregation and the gradient in
lsc_phm.domain.upload_gradient; this page only wires widgets to them.
"""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from lsc_phm.domain import geography, upload_aggregation, upload_files, upload_gradient, uploads
from lsc_phm.render import charts_inequalities, map_classes, map_geometry, maps
from lsc_phm.views import place_profile_user
from ui import components, leaflet, state, url, user_area
from ui.frame import require_app_frame

require_app_frame()

icb = state.current_icb()
MESSAGE_LIMIT = 1500  # upload messages name codes and rows from the file: escaped, and shortened past this
TEMPLATE = "code,numerator,denominator,name,unit,polarity\nE01012571,25,180,Example measure,%,low_is_good\n"


@st.cache_data(show_spinner=False, max_entries=4)
def _reference(icb_: geography.Icb) -> uploads.Reference:
    return uploads.load_reference(state.database(), icb_)


def _parse(data: bytes, filename: str, icb_: geography.Icb) -> uploads.Upload:
    """Checked on every run and never cached: the file stays in this session only (a 50-LSOA file takes ~10 ms)."""
    return uploads.parse(data, filename, _reference(icb_))


def _map(
    codes_values: pd.DataFrame,
    level: str,
    vintage: int,
    title: str,
    unit: str,
    decimals: int = 2,
    deciles: bool = False,
    key: str = "your_map",
) -> None:
    """Draw values by area on the ICB's boundaries of that level and vintage (nothing drawn for other ICBs)."""
    layer = map_geometry.encode_layer(state.query("boundaries", vintage=vintage, icb=icb.code, level=level))
    if layer.empty:
        st.info(
            "No boundaries are shipped for this ICB and geography, so there is no map: see the table.",
            icon=":material/block:",
        )
        return
    table = codes_values.assign(england_value=float("nan"), comparison="Not compared")
    table = table[table["area_code"].isin(layer["area_code"])]
    legend = map_classes.classify(
        table["value"].dropna(),
        "quantiles",
        title=title,
        unit=unit,
        decimals=decimals,
        deciles=deciles,
        suppressed=int(table["suppressed"].sum()),
    )
    built = maps.choropleth(
        layer[layer["area_code"].isin(table["area_code"])],
        table,
        legend,
        value_label=title,
        unit=unit,
        decimals=decimals,
        comparison_label="England (not compared)",
    )
    st.html(maps.legend_html(legend))
    st_folium(built.map, key=key, height=480, use_container_width=True, returned_objects=[])


leaflet.ensure_static_leaflet()
st.title("Your data")
st.markdown(
    f"Upload your own figures by area and see them on the map of **{icb.name}**, summed into larger areas and by "
    "deprivation, without a GIS. **Nothing is saved**: the file is read in this browser session only and is gone when "
    "you close it. Counts below 10 are suppressed in every table, chart, map and download."
)
with st.expander("What the file should look like", expanded=False):
    st.markdown(
        f"- **CSV (UTF-8) or Excel (.xlsx)**: {upload_files.limits_sentence()}; one row per area, a header row.\n"
        "- A column **`code`** with LSOA (2011 or 2021), MSOA (2011), electoral ward, district or GP practice codes "
        "of this ICB: one geography per file.\n"
        "- Either **`value`**, or **`numerator`** and **`denominator`** (shown as a percentage with a 95% Wilson "
        "interval, and summed into larger areas).\n"
        "- Optional **`name`**, **`unit`** (`count` marks counts that can be added up) and **`polarity`** "
        "(`high_is_good`, `low_is_good` or `no_judgement`).\n"
        f"- Numbers must be finite: counts at most {uploads.MAX_COUNT:,}, values at most {uploads.MAX_VALUE:,.0f}."
    )
    st.download_button(
        "Download a template CSV",
        TEMPLATE,
        file_name="your_data_template.csv",
        mime="text/csv",
        on_click="ignore",
        key="your_template",
        icon=":material/download:",
    )

uploaded = st.file_uploader("Upload a CSV or Excel file", type=["csv", "xlsx"], key="your_file")
upload = None
if uploaded is not None:
    try:
        upload = _parse(uploaded.getvalue(), uploaded.name, icb)
    except upload_files.UploadError as error:
        st.error(
            f"**{url.plain(uploaded.name)}** cannot be used. {url.plain(error, limit=MESSAGE_LIMIT)}",
            icon=":material/error:",
        )

if upload is not None:
    shown = upload_aggregation.values(upload)
    st.success(
        f"**{len(shown)} {upload.label} areas** read: {url.plain(upload.name)}"
        + (f" ({url.plain(upload.unit)})" if upload.unit else "")
        + ".",
        icon=":material/check_circle:",
    )
    hidden = int(shown["suppressed"].sum())
    if hidden:
        st.caption(f"{hidden} value(s) suppressed (count below 10).")
    if upload.geography == "practice":
        st.info("GP practices have no boundaries, so they are listed, not mapped.", icon=":material/info:")
    else:
        _map(shown, upload.geography, int(upload.vintage or icb.imd_vintage), upload.name, upload.unit)
    components.table(shown, "your_data_values", key="your_values_csv", hide_index=True, width="stretch")

    st.subheader("Summed into larger areas")
    if upload.additive:
        level = st.selectbox(
            "Larger areas",
            upload_aggregation.AGGREGATION_LEVELS[upload.geography],
            key="your_level",
            format_func=lambda lv: {**geography.LEVEL_LABELS, **geography.NON_MAP_LEVELS}[lv],
        )
        aggregated = upload_aggregation.aggregate(upload, _reference(icb), level)
        st.caption(
            "Computed here by summing the uploaded "
            + ("numerators and denominators" if upload.has_counts else "counts")
            + ". *units_in_upload* below *units_in_area* means the file covers only part of that area."
        )
        components.table(aggregated, f"your_data_{level}", key="your_aggregated_csv", hide_index=True, width="stretch")
    else:
        st.info(
            "These values cannot be added up (no numerator and denominator, and the unit is not 'count'), so "
            "they are shown per area only.",
            icon=":material/info:",
        )

    st.subheader("By deprivation")
    left, right = st.columns(2)
    with left:
        framings = ["national", "local"] if upload.geography == "lsoa" else ["local"]
        framing = st.radio(
            "Deprivation groups",
            framings,
            key="your_framing",
            horizontal=True,
            format_func={"national": "National IMD deciles", "local": "Local deciles (this ICB)"}.get,
        )
    with right:
        groups = st.radio(
            "Group size", [10, 5], key="your_groups", horizontal=True, format_func={10: "Deciles", 5: "Quintiles"}.get
        )
    result = upload_gradient.gradient(upload, _reference(icb), framing, groups)
    st.caption(result.description)
    chart = charts_inequalities.gradient_bars(
        result.table,
        f"{upload.name} by deprivation",
        str(result.table["unit"].iloc[0] or "value") if len(result.table) else "",
        "Deprivation group (1 = most deprived)",
    )
    components.chart(chart, "your_data_by_deprivation", key="your_gradient_png")
    components.table(result.measures, "your_data_sii_rii", key="your_measures_csv", hide_index=True)
    st.caption(
        "SII: the modelled difference between the least and most deprived ends of the population "
        "(positive = higher at the least deprived end); RII = the same as a ratio. lsc_phm.stats.sii "
        "(OHID Fingertips method)."
    )
    components.table(
        result.table, f"your_data_by_{framing}_{groups}", key="your_gradient_csv", hide_index=True, width="stretch"
    )

st.divider()
st.subheader("Draw an area from a list of codes")
st.markdown(
    "Upload a list of LSOA or ward codes (a neighbourhood team's patch: a CSV or Excel file with a **`code`** "
    "column), or paste them, to see the area's deprivation and Core20 share like any place. The area is then "
    "offered in the **Place profile** (with its briefing) and as an outline on the **Map explorer**, like a "
    "custom footprint, for this session only: nothing is saved."
)
area_name = st.text_input("Name of the area", value="My area", key="your_area_name", max_chars=60)
area_file = st.file_uploader("A list of LSOA or ward codes (CSV or Excel)", type=["csv", "xlsx"], key="your_area_file")
pasted = st.text_area(
    "...or paste LSOA or ward codes",
    key="your_area_codes",
    height=120,
    max_chars=upload_files.MAX_ROWS * 12,  # 9-character codes and separators: the code limit
    help=f"One per line or separated by commas, at most {upload_files.MAX_ROWS:,} codes. An "
    "uploaded list is used first.",
)
codes: list[str] = []
source = "pasted codes"
if area_file is not None:
    source = user_area.clean_text(area_file.name, "uploaded list", limit=80)
    try:
        codes = uploads.codes_from_file(area_file.getvalue(), area_file.name)
    except upload_files.UploadError as error:
        st.error(
            f"**{url.plain(area_file.name)}** cannot be used. {url.plain(error, limit=MESSAGE_LIMIT)}",
            icon=":material/error:",
        )
else:
    codes = [c.strip().upper() for c in pasted.replace(",", "\n").splitlines() if c.strip()]
if codes:
    name = user_area.clean_text(area_name, "My area")
    try:
        area = uploads.user_area(codes, _reference(icb), name)
    except upload_files.UploadError as error:
        st.error(url.plain(error, limit=MESSAGE_LIMIT), icon=":material/error:")
    else:
        spec = place_profile_user.UserAreaSpec(
            name, source, tuple(area.lsoas["lsoa_code"]), area.vintage, area.geography
        )
        user_area.keep(spec)
        st.info(
            user_area.describe(spec) + " Open the **Place profile** and choose "
            f"{url.plain(user_area.label(spec), limit=200)}.",
            icon=":material/draw:",
        )
        s = area.summary
        columns = st.columns(4)
        for column, (label, value) in zip(
            columns,
            [
                ("LSOAs", f"{int(s['lsoas'])}"),
                ("Population", f"{s['population']:,.0f}"),
                ("Average IMD score", f"{s['avg_score']:.1f}"),
                ("Core20 population share", f"{s['core20_population_share']:.1f}%"),
            ],
            strict=False,
        ):
            column.metric(label, value)
        st.caption(
            f"{url.plain(area.name)} (user-defined): IMD {area.vintage} "
            f"({'LSOA 2011' if area.vintage == 2019 else 'LSOA 2021'} geography), computed here from "
            f"{int(s['lsoas'])} LSOAs with the File 10 definitions: population-weighted average score; Core20 = "
            "people in LSOAs of national deciles 1-2; "
            f"{s['pct_lsoas_most_deprived_10']:.1f}% of its LSOAs are in England's most deprived 10%."
        )
        lsoas = area.lsoas.assign(
            area_name=area.lsoas["lsoa_name"],
            value=area.lsoas["imd_decile"].astype(float),
            lowercl=float("nan"),
            uppercl=float("nan"),
            suppressed=False,
        )
        lsoas = lsoas.rename(columns={"lsoa_code": "area_code"})
        _map(
            lsoas,
            "lsoa",
            area.vintage,
            "National IMD decile (1 = most deprived)",
            "",
            0,
            deciles=True,
            key="your_area_map",
        )
        components.table(
            lsoas[["area_code", "area_name", "imd_decile", "imd_score", "population"]],
            "your_area_lsoas",
            key="your_area_csv",
            hide_index=True,
        )
elif user_area.current() is not None:
    kept = user_area.current()
    st.info(user_area.describe(kept), icon=":material/draw:")
    if st.button("Forget this area", key="your_area_forget", icon=":material/delete:"):
        user_area.forget()
        st.rerun()
