"""Ringkasan: KPI tiles for the selection with change against last year, and the alert list."""

from __future__ import annotations

import streamlit as st

from asn_analytics import charts, grouping
from asn_analytics.i18n import format_value, t, value_label
from views import blocks
from views.frame import context

ctx = context()
page = blocks.reads(ctx, "ringkasan")
lang = ctx.lang
year = ctx.filters.year_to

st.title(t("page.overview", lang))
st.caption(t("overview.caption", lang, year=year))

overview = page["overview"]
# A tile whose figure the privacy rules hide (on fewer than 5 people) shows "<5" or "–".
overview = overview.assign(hidden=blocks.hidden(ctx, overview, "overview")).set_index("indicator")
TILES = (
    ("headcount", "count", "normal"),
    ("share_sb_b", "percent", "normal"),
    ("coverage_20jp", "percent", "normal"),
    ("complaints_last_month", "count", "inverse"),
    ("sla_compliance", "percent", "normal"),
    ("ikm", "score", "normal"),
    ("ip_asn", "score", "normal"),
)
columns = st.columns(4)
for i, (indicator, kind, colour) in enumerate(TILES):
    column = columns[i % 4]
    if indicator not in overview.index:
        column.metric(t(f"kpi.{indicator}", lang), "–")
        continue
    row = overview.loc[indicator]
    small = bool(row["hidden"])
    value = format_value(row["value"], kind, lang, suppressed=small)
    if indicator == "ikm" and row["label"] and not small:
        value = f"{value} ({row['label']})"
    delta = None
    if row["change"] is not None and row["change"] == row["change"] and not small:
        delta = format_value(row["change"], kind, lang, signed=True)
    label = t(f"kpi.{indicator}", lang)
    if indicator == "complaints_last_month":
        label = t("kpi.complaints_last_month", lang, month=row["period"])
    flat = delta is not None and not delta.startswith(("+", "-"))  # no change at this precision
    column.metric(
        label,
        value,
        delta=delta,
        delta_color="off" if flat else colour,
        delta_arrow="off" if flat else "auto",
        help=t("kpi.change_help", lang),
        border=True,
    )
if "ip_asn" in overview.index:
    st.caption(t("overview.ip_asn_estimate", lang))

st.subheader(t("overview.alerts_title", lang))
alerts = page["alerts"]
if alerts.empty:
    st.success(t("overview.no_alerts", lang))
else:
    counts = alerts["kind"].value_counts()
    st.markdown(
        " · ".join(f"**{value_label('kind', kind, lang)}**: {n}" for kind, n in counts.items())
    )
    blocks.table(
        ctx,
        alerts,
        "alerts",
        file_stem="alerts",
        columns=["kind", "region_name", "unit_name", "evaluator_nip", "period", "value", "n"],
        height=320,
    )

heads = page["headcount"]
grouped = grouping.regions(
    heads[heads["dimension"].eq("employment_type")],
    "headcount",
    by=["year", "dimension", "category"],
    value="n",
    lang=lang,
)
by_type = grouped.frame
blocks.plot(
    ctx,
    charts.bars,
    by_type,
    "headcount",
    hover=["region_name", "year", "category", "n"],
    x="year",
    y="n",
    color="category",
    barmode="stack",
    title=t("overview.headcount_title", lang),
    header_of={"category": "employment_type"},
)
blocks.grouping_note(ctx, grouped)
blocks.methodology(ctx, ["overview", "alerts", "headcount"])
