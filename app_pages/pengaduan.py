"""Pengaduan & Kepuasan: complaints (volume, mix, service levels, backlog) and IKM."""

from __future__ import annotations

import streamlit as st

from asn_analytics import charts, grouping
from asn_analytics.i18n import MONTHS, format_value, t
from asn_analytics.metrics import satisfaction
from views import blocks
from views.frame import context

ctx = context()
page = blocks.reads(ctx, "pengaduan")
lang = ctx.lang
year = ctx.filters.year_to


st.title(t("page.complaints", lang))
st.caption(t("complaints.caption", lang))

measure = st.radio(
    t("complaints.measure", lang),
    ["n", "per_100k"],
    format_func=lambda m: t(f"complaints.measure_{m}", lang),
    horizontal=True,
    key="complaint_measure",
)
anomalies = page["complaint_anomalies"]
flags = anomalies[anomalies["flagged"]]
received = page["complaints_monthly"]
# The regions with the most complaints by name in every complaints chart; the rest pooled
# (side by side with single regions: its mean per region).
top = grouping.largest(received, "n")
grouped = grouping.regions(
    received,
    "complaints_monthly",
    by=["month", "year"],
    value=measure,
    lang=lang,
    top=top,
    average=True,
)
monthly = grouped.frame
marked = monthly.merge(flags[["region_code", "month"]], on=["region_code", "month"])
blocks.plot(
    ctx,
    charts.lines,
    monthly,
    "complaints_monthly",
    hover=["region_name", "month", "n", "per_100k"],
    x="month",
    y=measure,
    color="region_name",
    title=t("complaints.monthly_title", lang),
    markers=marked,
    marker_name=t("complaints.anomaly", lang),
    month_names=MONTHS[lang],
)
blocks.grouping_note(ctx, grouped)
if len(flags):
    st.caption(t("complaints.anomaly_caption", lang, n=len(flags)))

mix_rows = page["complaints_mix"]
mix_grouped = grouping.regions(
    mix_rows[mix_rows["dimension"].isin(["channel", "category"])],
    "complaints_mix",
    by=["year", "dimension", "category"],
    value="n",
    lang=lang,
    top=top,
    average=True,
)
mix = blocks.coded(ctx, mix_grouped.frame, "category")
left, right = st.columns(2)
for column, dimension in ((left, "channel"), (right, "category")):
    part = mix[mix["dimension"].eq(dimension)]
    with column:
        blocks.plot(
            ctx,
            charts.bars,
            part,
            "complaints_mix",
            hover=["region_name", "category", "n", "share"],
            x="category",
            y="n",
            color="region_name",
            title=t(f"complaints.{dimension}_title", lang, year=year),
            header_of={"category": dimension},
        )
blocks.grouping_note(ctx, mix_grouped)

st.subheader(t("complaints.sla_title", lang))
sla = page["complaint_sla"]
sla_grouped = grouping.regions(
    sla[sla["dimension"].eq("region")],
    "complaint_sla",
    by=["year", "dimension", "step"],
    value="compliance",
    lang=lang,
    top=top,
)
region_sla = blocks.coded(ctx, sla_grouped.frame, "step")
left, right = st.columns(2)
with left:
    blocks.plot(
        ctx,
        charts.bars,
        region_sla,
        "complaint_sla",
        hover=["region_name", "step", "compliance", "n_met", "n_breached", "median_days"],
        x="step",
        y="compliance",
        color="region_name",
        title=t("complaints.compliance_title", lang, year=year),
        percent=True,
    )
with right:
    backlog_grouped = grouping.regions(
        page["complaint_backlog"],
        "complaint_backlog",
        by=["as_of", "age_band"],
        value="n",
        lang=lang,
        top=top,
    )
    backlog = backlog_grouped.frame
    blocks.plot(
        ctx,
        charts.bars,
        backlog,
        "complaint_backlog",
        hover=["region_name", "age_band", "n"],
        x="age_band",
        y="n",
        color="region_name",
        barmode="stack",
        title=t("complaints.backlog_title", lang),
    )
blocks.grouping_note(ctx, sla_grouped)
# Per OPD (all its units) until one is opened, then that OPD's units.
units, opened = blocks.by_opd(
    ctx,
    sla[sla["dimension"].isin(["opd", "unit"]) & sla["step"].eq("all_three")],
    key="complaints_opd",
    title=t("complaints.worst_opds", lang, year=year),
    level="dimension",
)
worst = units[units["n"] >= 5].nsmallest(10, "compliance")
if opened:
    st.caption(t("complaints.worst_units", lang, year=year))
blocks.table(
    ctx,
    worst,
    "complaint_sla",
    file_stem="complaint_sla_units",
    columns=["region_name", "unit_name", "n", "n_met", "n_breached", "n_pending", "compliance"],
)
blocks.table(
    ctx,
    blocks.coded(ctx, sla[sla["dimension"].eq("region")], "step"),
    "complaint_sla",
    file_stem="complaint_sla",
    columns=[
        "region_name",
        "year",
        "step",
        "limit_days",
        "day_unit",
        "n",
        "n_met",
        "n_breached",
        "n_pending",
        "compliance",
        "median_days",
    ],
)

st.subheader(t("satisfaction.title", lang))
# Per OPD (all its units' responses) until one is opened, then that OPD's service units.
ikm_units, ikm_opened = blocks.by_opd(
    ctx,
    page["ikm_units"],
    key="ikm_opd",
    title=t("satisfaction.opd_heading", lang),
)
end = st.radio(
    t("satisfaction.units_end", lang),
    ["lowest", "highest"],
    format_func=lambda e: t(f"satisfaction.units_{e}", lang),
    horizontal=True,
    key="ikm_units_end",
)
# A unit's bar is its IKM: only units whose IKM may be shown (5 respondents or more) are ranked.
rankable = ikm_units[~blocks.hidden(ctx, ikm_units, "ikm_units", "ikm")]
ranked = grouping.units(rankable, "ikm", lowest=end == "lowest")
if end == "highest":
    ranked = ranked.iloc[::-1]  # the highest at the top
blocks.plot(
    ctx,
    charts.bars,
    ranked,
    "ikm_units",
    hover=["unit_name", "region_name", "ikm", "mutu_label", "respondents"],
    # units of two regions may share a name
    drawn=lambda rows: rows.assign(unit_name=rows["unit_name"] + " · " + rows["region_name"]),
    x="unit_name",
    y="ikm",
    color="mutu",
    barmode="stack",  # one bar per unit: full width, not a slot per mutu
    orientation="h",
    title=t(
        "satisfaction.units_title" if ikm_opened else "satisfaction.opds_title", lang, year=year
    ),
    color_sequence=[charts.MUTU_COLORS[m] for m in sorted(ranked["mutu"].dropna().unique())],
    category_orders={"mutu": sorted(ranked["mutu"].dropna().unique())},
    height=max(380, 28 * len(ranked)),
    ranked=True,
    value_range=satisfaction.ikm_range(),  # from 25, the lowest IKM: 78 and 91 look apart
    bands=satisfaction.mutu_bands(),
)
st.caption(
    t(
        "satisfaction.units_caption",
        lang,
        shown=len(ranked),
        total=format_value(len(ikm_units), "count", lang),
    )
)
element_grouped = grouping.regions(
    page["ikm_elements"],
    "ikm_elements",
    by=["year", "element"],
    value="nrr",
    size="n_answers",
    lang=lang,
)
elements = element_grouped.frame
label_column = "label_id" if lang == "id" else "label_en"
blocks.plot(
    ctx,
    charts.bars,
    elements,
    "ikm_elements",
    hover=["region_name", label_column, "nrr", "n_answers"],
    x=label_column,
    y="nrr",
    color="region_name",
    title=t("satisfaction.elements_title", lang, year=year),
    header_of={label_column: "element"},
)
blocks.grouping_note(ctx, element_grouped)
blocks.table(
    ctx,
    ikm_units,
    "ikm_units",
    file_stem="ikm_units",
    columns=[
        "region_name",
        "unit_name",
        "year",
        "respondents",
        "ikm",
        "mutu",
        "mutu_label",
        "weakest_label_id" if lang == "id" else "weakest_label_en",
    ],
)
blocks.methodology(
    ctx,
    [
        "complaints_monthly",
        "complaints_mix",
        "complaint_sla",
        "complaint_backlog",
        "complaint_anomalies",
        "ikm",
        "ikm_units",
        "ikm_elements",
    ],
)
