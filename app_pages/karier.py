"""Karier & Penghargaan: promotions by predikat, time in grade, overdue promotions, awards."""

from __future__ import annotations

import streamlit as st

from asn_analytics import charts, grouping
from asn_analytics.i18n import t
from asn_analytics.ingest.vocabulary import PNS_GOLONGAN
from views import blocks
from views.frame import context, format_date

ctx = context()
page = blocks.reads(ctx, "karier")
lang = ctx.lang
year = ctx.filters.year_to

st.title(t("page.careers", lang))
st.caption(t("careers.caption", lang))

grade = page["time_in_grade"]
# Only PNS hold a golongan ruang: without rank histories (or for PPPK alone) the rank sections
# give way to a note, and the awards below still show.
if grade["n"].sum() == 0:
    st.info(t("careers.no_data", lang))
else:
    promotions = page["promotions"]
    by_predikat = promotions[promotions["dimension"].eq("predikat") & promotions["year"].eq(year)]
    top = grouping.largest(promotions[promotions["dimension"].eq("total")], "n")
    grouped = grouping.regions(
        by_predikat,
        "promotions",
        by=["year", "dimension", "category"],
        value="share_promoted",
        lang=lang,
        top=top,
    )
    blocks.plot(
        ctx,
        charts.bars,
        blocks.coded(ctx, grouped.frame, "category"),
        "promotions",
        hover=["region_name", "category", "share_promoted", "n_promoted", "n"],
        x="category",
        y="share_promoted",
        color="region_name",
        title=t("careers.promotions_title", lang, year=year),
        header_of={"category": "predikat"},
        percent=True,
    )
    st.caption(t("careers.promotions_caption", lang))
    blocks.grouping_note(ctx, grouped)

    left, right = st.columns(2)
    with left:
        trend = grouping.regions(
            promotions[promotions["dimension"].eq("total")],
            "promotions",
            by=["year", "dimension", "category"],
            value="share_promoted",
            lang=lang,
            top=top,
        )
        blocks.plot(
            ctx,
            charts.lines,
            trend.frame,
            "promotions",
            hover=["region_name", "year", "share_promoted", "n_promoted", "n"],
            x="year",
            y="share_promoted",
            color="region_name",
            title=t("careers.trend_title", lang),
            percent=True,
        )
    with right:
        by_golongan = grade[grade["dimension"].eq("golongan") & grade["n"].gt(0)]
        golongan_order = sorted(set(by_golongan["category"]), key=PNS_GOLONGAN.index)
        # A median cannot be pooled: the largest regions only.
        largest = grouping.largest(grade[grade["dimension"].eq("total")], "n")
        blocks.plot(
            ctx,
            charts.bars,
            by_golongan[by_golongan["region_code"].isin(largest)],
            "time_in_grade",
            hover=["region_name", "category", "median_years", "n"],
            x="category",
            y="median_years",
            color="region_name",
            title=t(
                "careers.grade_title", lang, date=format_date(ctx.filters.as_of or ctx.as_of, lang)
            ),
            header_of={"category": "golongan"},
            category_orders={"category": golongan_order},
        )

    overdue = page["promotion_overdue"]
    # Ranked among the OPDs whose share may be shown: a hidden one would be an empty bar.
    shown_share = overdue[~blocks.hidden(ctx, overdue, "promotion_overdue", "share_overdue")]
    highest = grouping.units(shown_share, "share_overdue", lowest=False, min_n=5)
    blocks.plot(
        ctx,
        charts.bars,
        highest,
        "promotion_overdue",
        hover=["unit_name", "region_name", "share_overdue", "n_overdue", "n"],
        drawn=lambda rows: rows.assign(unit_name=rows["unit_name"] + " · " + rows["region_name"]),
        x="unit_name",
        y="share_overdue",
        color="region_name",
        barmode="stack",
        orientation="h",
        title=t("careers.overdue_title", lang, n=len(highest)),
        percent=True,
        height=460,
        ranked=True,
    )
    st.caption(t("careers.overdue_caption", lang))

    st.subheader(t("careers.grade_table_title", lang))
    blocks.table(
        ctx,
        blocks.coded(ctx, grade, "dimension"),
        "time_in_grade",
        file_stem="time_in_grade",
        columns=[
            "region_name",
            "dimension",
            "category_name",
            "n",
            "median_years",
            "n_y0_2",
            "n_y2_4",
            "n_y4_6",
            "n_y6_8",
            "n_y8_plus",
            "n_without_rank",
        ],
        height=300,
    )
    blocks.table(
        ctx,
        overdue,
        "promotion_overdue",
        file_stem="promotion_overdue",
        columns=["region_name", "unit_name", "n", "n_long_in_grade", "n_overdue", "share_overdue"],
        height=300,
    )

st.subheader(t("careers.rewards_title", lang))
st.caption(t("careers.rewards_caption", lang))
rewards = page["reward_alignment"]
awarded = grouping.regions(
    rewards,
    "reward_alignment",
    by=["year"],
    value="share_good",
    lang=lang,
    top=grouping.largest(rewards, "rated"),
)
left, right = st.columns(2)
with left:
    blocks.plot(
        ctx,
        charts.lines,
        awarded.frame,
        "reward_alignment",
        hover=["region_name", "year", "share_good", "n_good", "n", "share_rated_good"],
        x="year",
        y="share_good",
        color="region_name",
        title=t("careers.rewards_share_title", lang),
        percent=True,
    )
with right:
    blocks.table(
        ctx,
        rewards,
        "reward_alignment",
        file_stem="reward_alignment",
        columns=[
            "region_name",
            "year",
            "n",
            "share_good",
            "share_rated_good",
            "alignment",
        ],
        height=300,
    )

blocks.methodology(ctx, ["promotions", "time_in_grade", "promotion_overdue", "reward_alignment"])
