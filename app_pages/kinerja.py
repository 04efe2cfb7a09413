"""Kinerja: predikat distribution, trend, kuadran and the objectivity checks."""

from __future__ import annotations

import streamlit as st

from asn_analytics import charts, grouping
from asn_analytics.i18n import column_label, format_value, t, value_label
from views import blocks
from views.frame import context

ctx = context()
page = blocks.reads(ctx, "kinerja")
lang = ctx.lang
year = ctx.filters.year_to
st.title(t("page.performance", lang))
st.caption(t("performance.caption", lang))

dist = page["predikat_distribution"]
# The regions with the most staff rated; the rest pooled from their counts.
grouped = grouping.regions(
    dist, "predikat_distribution", by=["year", "predikat"], value="share", size="rated", lang=lang
)
latest = grouped.frame[grouped.frame["year"].eq(year)]
left, right = st.columns(2)
with left:
    blocks.plot(
        ctx,
        charts.bars,
        latest,
        "predikat_distribution",
        hover=["region_name", "predikat", "n", "share"],
        drawn=lambda rows: rows.assign(
            predikat=rows["predikat"].map(lambda v: value_label("predikat", v, lang))
        ),
        x="region_name",
        y="share",
        color="predikat",
        barmode="stack",
        title=t("performance.distribution_title", lang, year=year),
        color_sequence=charts.PREDIKAT_COLORS,
        percent=True,
    )
with right:
    trend = grouped.frame.drop_duplicates(["region_code", "year"])
    blocks.plot(
        ctx,
        charts.lines,
        trend,
        "predikat_distribution",
        hover=["region_name", "year", "share_sb_b", "rated"],
        x="year",
        y="share_sb_b",
        color="region_name",
        title=t("performance.trend_title", lang),
        percent=True,
    )
blocks.grouping_note(ctx, grouped)

kuadran = page["kuadran"]
cells = kuadran.groupby(["result_rating", "behavior_rating"], as_index=False)["n"].sum()
order = ["di_atas", "sesuai", "di_bawah"]
# The cells as shown (the matrix's rows and columns add up): coloured only where a count shows.
matrix, text = blocks.crosstab(
    ctx,
    cells,
    "kuadran",
    index="result_rating",
    columns="behavior_rating",
    value="n",
    index_order=order,
    column_order=order[::-1],
)
blocks.chart(
    ctx,
    charts.heatmap,
    matrix,
    text,
    title=t("performance.kuadran_title", lang, year=year),
    x_title=column_label("behavior_rating", lang),
    y_title=column_label("result_rating", lang),
)

st.subheader(t("performance.objectivity_title", lang))
st.caption(t("performance.objectivity_caption", lang))
# The figures of the objectivity check per OPD or unit.
checked_figures = ["n", "share_sangat_baik", "n_below_baik", "flag_high_sb", "flag_none_below_baik"]
# One table for both: per OPD (all its units) in the last year, an OPD opened to its units; and
# the flagged units of every year.
objectivity = page["objectivity_units"]
by_opd, _ = blocks.by_opd(
    ctx,
    objectivity[objectivity["year"].eq(year)],
    key="performance_opd",
    title=t("performance.opd_title", lang, year=year),
)
blocks.table(
    ctx,
    by_opd,
    "objectivity_units",
    file_stem="objectivity_opd",
    columns=["region_name", "unit_name", *checked_figures],
    height=300,
)
flagged_units = objectivity[objectivity["flagged"] & objectivity["level"].eq("unit")]
st.markdown(f"**{t('performance.flagged_units', lang, n=len(flagged_units))}**")
blocks.table(
    ctx,
    flagged_units,
    "objectivity_units",
    file_stem="objectivity_units",
    columns=["region_name", "year", "opd_name", "unit_name", *checked_figures],
)
flagged_ach, _ = page["rating_vs_achievement"]
flagged_ach = flagged_ach[flagged_ach["level"].eq("unit")]
st.markdown(f"**{t('performance.flagged_achievement', lang, n=len(flagged_ach))}**")
blocks.table(
    ctx,
    flagged_ach,
    "rating_vs_achievement",
    file_stem="rating_vs_achievement",
    columns=[
        "region_name",
        "year",
        "opd_name",
        "unit_name",
        "n_sangat_baik",
        "n_sb_below_100",
        "share",
        "median_achievement",
    ],
)
flagged_ev, checked = page["objectivity_evaluators"]
st.markdown(
    f"**{t('performance.flagged_evaluators', lang, n=len(flagged_ev))}** "
    + t("performance.evaluators_checked", lang, total=format_value(checked, "count", lang))
)
blocks.table(
    ctx,
    flagged_ev,
    "objectivity_evaluators",
    file_stem="objectivity_evaluators",
    columns=[
        "region_name",
        "year",
        "opd_name",
        "unit_name",
        "evaluator_nip",
        "n",
        "mean_value",
        "others_mean",
        "z",
    ],
)

st.subheader(t("performance.table_title", lang))
blocks.table(
    ctx,
    dist,
    "predikat_distribution",
    file_stem="predikat_distribution",
    columns=["region_name", "year", "predikat", "n", "share", "share_sb_b", "mean_value"],
    height=300,
)
blocks.methodology(
    ctx,
    [
        "predikat_distribution",
        "kuadran",
        "objectivity_units",
        "objectivity_evaluators",
        "rating_vs_achievement",
    ],
)
