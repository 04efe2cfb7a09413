"""Perbandingan Wilayah: the scorecard side by side with ranks and change, radar, IP ASN."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from asn_analytics import charts, grouping
from asn_analytics.i18n import column_label, format_value, t, value_label
from views import blocks
from views.frame import context

ctx = context()
page = blocks.reads(ctx, "perbandingan")
lang = ctx.lang
year = ctx.filters.year_to
SIDE_BY_SIDE = 8  # regions shown as columns, with a radar; more are ranked rows
TOP_N = 15
KIND = {
    "headcount": "count",
    "asn_per_1000": "decimal",
    "share_sb_b": "percent",
    "coverage_20jp": "percent",
    "complaints_per_100k": "decimal",
    "sla_compliance": "percent",
    "ikm": "score",
    "ip_asn": "score",
    "promotion_fairness": "percent",
    "reward_alignment": "score",
}

st.title(t("page.compare", lang))
st.caption(t("compare.caption", lang, year=year))
card = page["scorecard"]
if card.empty:
    st.warning(t("compare.empty", lang))
    st.stop()


# One region (a viewer of one, or one chosen) is ranked against nobody: no rank, no radar.
alone = card["region_code"].nunique() == 1
# A figure the privacy rules hide (its base under 5, or hidden so a "<5" cannot be worked out).
card["hidden"] = blocks.hidden(ctx, card, "scorecard")


def cell(row: pd.Series) -> str:
    kind = KIND[row["indicator"]]
    small = bool(row["hidden"])
    text = format_value(row["value"], kind, lang, suppressed=small)
    if row["indicator"] == "ikm" and isinstance(row["label"], str) and not small:
        text += f" ({row['label']})"
    if row["rank"] is not pd.NA and row["rank"] == row["rank"] and not small and not alone:
        text += f" · #{int(row['rank'])}"
    if row["change"] == row["change"] and row["change"] is not None and not small:
        text += f" ({format_value(row['change'], kind, lang, signed=True)})"
    return text


side = card.assign(text=card.apply(cell, axis=1))
order = [value_label("indicator", i, lang) for i in card["indicator"].unique()]
side["indicator"] = side["indicator"].map(lambda v: value_label("indicator", v, lang))
regions = card["region_code"].nunique()
if regions <= SIDE_BY_SIDE:
    wide = side.pivot(index="indicator", columns="region_name", values="text").reindex(order)
    blocks.grid(wide.rename_axis(column_label("indicator", lang)), width="stretch")
else:
    # Many regions: one row each, ranked by the indicator chosen, the best TOP_N shown.
    ranked = [i for i in card["indicator"].unique() if card.loc[card["indicator"].eq(i), "rank"]
              .notna().any()]  # fmt: skip
    by = st.selectbox(
        t("compare.rank_by", lang),
        ranked,
        format_func=lambda i: value_label("indicator", i, lang),
        key="compare_rank_by",
    )
    top = card[card["indicator"].eq(by)].sort_values("rank").head(TOP_N)["region_code"]
    wide = side[side["region_code"].isin(top)].pivot(
        index="region_name", columns="indicator", values="text"
    )[order]
    wide = wide.loc[card[card["indicator"].eq(by) & card["region_code"].isin(top)]
                    .sort_values("rank")["region_name"]]  # fmt: skip
    blocks.grid(wide.rename_axis(column_label("region_name", lang)), width="stretch")
    st.caption(t("compare.more_regions", lang, shown=len(top), total=regions))
st.caption(t("compare.cell_help", lang))

left, right = st.columns(2)
with left:
    if alone:
        st.info(t("compare.alone", lang))
    elif regions <= SIDE_BY_SIDE:
        radar = card[card["normalised"].notna() & ~card["hidden"]].copy()
        radar["indicator"] = radar["indicator"].map(lambda v: value_label("indicator", v, lang))
        blocks.chart(
            ctx,
            charts.radar,
            radar,
            theta="indicator",
            r="normalised",
            color="region_name",
            title=t("compare.radar_title", lang, year=year),
        )
    else:
        # The best TOP_N by rank; the rest pooled by the indicator's own rule (or left out).
        values = card[card["indicator"].eq(by)]
        grouped = grouping.regions(
            values,
            "scorecard",
            by=["indicator", "year"],
            value="value",
            lang=lang,
            top=values.sort_values("rank")["region_code"].tolist(),
            n=TOP_N,
            rules={"value": grouping.SCORECARD[by], "n": grouping.SUM},
        )
        bars = grouped.frame.iloc[::-1].reset_index(drop=True)  # best at the top
        blocks.plot(
            ctx,
            charts.bars,
            bars,
            "scorecard",
            hover=["region_name", "value"],
            x="region_name",
            y="value",
            color=None,
            orientation="h",
            title=value_label("indicator", by, lang) + f" {year}",
            height=520,
        )
        blocks.grouping_note(ctx, grouped, ranked=True)
with right:
    ip = page["ip_asn"]
    ip_grouped = grouping.regions(
        ip,
        "ip_asn",
        by=["year"],
        value="ip_asn",
        lang=lang,
        top=None if regions <= SIDE_BY_SIDE else top.tolist(),
        n=TOP_N if regions > SIDE_BY_SIDE else grouping.TOP_REGIONS,
    )
    blocks.plot(
        ctx,
        charts.bars,
        ip_grouped.frame,
        "ip_asn",
        hover=["region_name", "dimension", "points", "n"],
        # one bar segment per dimension, its points hidden with the index on fewer than 5 staff
        reshape=lambda rows: rows.melt(
            id_vars=["region_name", "n"],
            value_vars=["kualifikasi", "kompetensi", "kinerja", "disiplin"],
            var_name="dimension",
            value_name="points",
        ).assign(dimension=lambda f: f["dimension"].map(lambda v: column_label(v, lang))),
        x="region_name",
        y="points",
        color="dimension",
        barmode="stack",
        title=t("compare.ip_title", lang, year=year),
    )
    blocks.grouping_note(ctx, ip_grouped, ranked=regions > SIDE_BY_SIDE)
st.caption(t("overview.ip_asn_estimate", lang))

blocks.table(
    ctx,
    card,
    "scorecard",
    file_stem="scorecard",
    columns=[
        "indicator",
        "region_name",
        "year",
        "value",
        "label",
        "n",
        "previous_value",
        "change",
        "rank",
        "regions_ranked",
    ],
    height=320,
)
blocks.table(
    ctx,
    ip,
    "ip_asn",
    file_stem="ip_asn",
    columns=[
        "region_name",
        "year",
        "n",
        "kualifikasi",
        "kompetensi",
        "kinerja",
        "disiplin",
        "ip_asn",
        "band_label",
        "n_sangat_tinggi",
        "n_tinggi",
        "n_sedang",
        "n_rendah",
        "n_sangat_rendah",
    ],
)
blocks.methodology(ctx, ["scorecard", "ip_asn"])
