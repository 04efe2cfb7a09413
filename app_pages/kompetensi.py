"""Pengembangan Kompetensi: 20-JP coverage, JP distribution, category/method mix, targeting."""

from __future__ import annotations

import streamlit as st

from asn_analytics import charts, grouping
from asn_analytics.i18n import format_value, t
from views import blocks
from views.frame import context

ctx = context()
page = blocks.reads(ctx, "kompetensi")
lang = ctx.lang
year = ctx.filters.year_to


st.title(t("page.training", lang))
st.caption(t("training.caption", lang))

coverage = page["coverage_20jp"]
# The regions with the most PNS by name, the rest pooled (reached ÷ PNS), in both charts.
regional = coverage[coverage["dimension"].eq("region")]
top = grouping.largest(regional, "n")
grouped = grouping.regions(
    regional, "coverage_20jp", by=["year", "dimension", "category"], value="coverage", lang=lang
)
by_region = grouped.frame
left, right = st.columns(2)
with left:
    blocks.plot(
        ctx,
        charts.lines,
        by_region,
        "coverage_20jp",
        hover=["region_name", "year", "coverage", "n"],
        x="year",
        y="coverage",
        color="region_name",
        title=t("training.coverage_title", lang),
        percent=True,
    )
with right:
    positions = grouping.regions(
        coverage[coverage["dimension"].eq("position_type") & coverage["year"].eq(year)],
        "coverage_20jp",
        by=["year", "dimension", "category"],
        value="coverage",
        lang=lang,
        top=top,
    )
    by_position = blocks.coded(ctx, positions.frame, "category")
    blocks.plot(
        ctx,
        charts.bars,
        by_position,
        "coverage_20jp",
        hover=["region_name", "category", "coverage", "n"],
        x="category",
        y="coverage",
        color="region_name",
        title=t("training.position_title", lang, year=year),
        header_of={"category": "position_type"},
        percent=True,
    )
blocks.grouping_note(ctx, grouped)

# Per OPD (all its units) until one is opened, then that OPD's units.
by_unit, opened = blocks.by_opd(
    ctx,
    coverage[coverage["dimension"].isin(["opd", "unit"]) & coverage["year"].eq(year)],
    key="training_opd",
    title=t("training.opd_heading", lang),
    level="dimension",
    id_column="category",
    name_column="category_name",
)
lowest = grouping.units(by_unit, "coverage", min_n=5)
units_title = "training.units_title" if opened else "training.opds_title"
blocks.plot(
    ctx,
    charts.bars,
    lowest,
    "coverage_20jp",
    hover=["category_name", "region_name", "coverage", "n"],
    drawn=lambda rows: rows.assign(
        category_name=rows["category_name"] + " · " + rows["region_name"]
    ),
    x="category_name",
    y="coverage",
    color="region_name",
    barmode="stack",  # one bar per unit: full width, not a slot per region
    orientation="h",
    title=t(units_title, lang, n=len(lowest), year=year),
    header_of={"category_name": "unit_name"},
    percent=True,
    height=460,
    ranked=True,  # the lowest at the top
)
st.caption(
    t(
        "training.units_caption",
        lang,
        shown=len(lowest),
        total=format_value(int(by_unit["n"].ge(5).sum()), "count", lang),
    )
)

left, right = st.columns(2)
with left:
    histogram = page["jp_distribution"]
    totals = histogram.groupby(["employment_type", "jp_band"], as_index=False, sort=False)[
        "n"
    ].sum()
    blocks.plot(
        ctx,
        charts.bars,
        totals,
        "jp_distribution",
        hover=["employment_type", "jp_band", "n"],
        x="jp_band",
        y="n",
        color="employment_type",
        title=t("training.histogram_title", lang, year=year),
    )
with right:
    mix = blocks.coded(ctx, page["training_mix"], "category", "method")
    mix_total = mix.groupby(["category", "method"], as_index=False)[["total_jp", "n"]].sum()
    blocks.plot(
        ctx,
        charts.bars,
        mix_total,
        "training_mix",
        hover=["category", "method", "n", "total_jp"],
        x="category",
        y="total_jp",
        color="method",
        barmode="stack",
        title=t("training.mix_title", lang, year=year),
    )

st.subheader(t("training.targeting_title", lang))
st.caption(t("training.targeting_caption", lang))
targeting = page["training_targeting"]
blocks.table(
    ctx,
    targeting,
    "training_targeting",
    file_stem="training_targeting",
    columns=[
        "region_name",
        "year",
        "n_low",
        "share_trained",
        "share_20jp",
        "mean_value_next_trained",
        "mean_value_next_untrained",
        "share_improved_trained",
        "share_improved_untrained",
    ],
)

st.subheader(t("training.summary_title", lang))
summary = page["jp_summary"]
blocks.table(
    ctx,
    summary,
    "jp_summary",
    file_stem="jp_summary",
    columns=[
        "region_name",
        "year",
        "employment_type",
        "n",
        "mean_jp",
        "median_jp",
        "n_without_training",
    ],
    height=300,
)
st.subheader(t("training.coverage_table_title", lang))
blocks.table(
    ctx,
    blocks.coded(ctx, coverage, "dimension"),
    "coverage_20jp",
    file_stem="coverage_20jp",
    columns=["region_name", "year", "dimension", "category_name", "n", "n_reached", "coverage"],
    height=300,
)
blocks.methodology(
    ctx, ["coverage_20jp", "jp_summary", "jp_distribution", "training_mix", "training_targeting"]
)
