"""Chart builders: what a reader sees on the axes."""

from __future__ import annotations

import pandas as pd

from asn_analytics import charts


def test_a_year_axis_ticks_on_whole_years():
    frame = pd.DataFrame(
        {"year": [2023, 2024, 2025], "share": [0.5, 0.6, 0.7], "region_name": ["A"] * 3}
    )
    fig = charts.lines(
        frame, frame, x="year", y="share", color="region_name", title="t", labels={}, hover=[]
    )
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tickformat) == (1, "d")
    # a month axis is left to plotly's dates
    months = frame.assign(year=pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]))
    fig = charts.lines(
        months, months, x="year", y="share", color="region_name", title="t", labels={}, hover=[]
    )
    assert fig.layout.xaxis.dtick is None


def test_score_bars_start_at_their_floor_with_the_bands_drawn():
    from asn_analytics.metrics.satisfaction import ikm_range, mutu_bands

    frame = pd.DataFrame({"unit_name": ["A", "B"], "ikm": [78.0, 91.0], "mutu": ["B", "A"]})
    fig = charts.bars(
        frame, frame, x="unit_name", y="ikm", color="mutu", title="t", labels={}, hover=[],
        orientation="h", value_range=ikm_range(), bands=mutu_bands(),
    )  # fmt: skip
    assert tuple(fig.layout.xaxis.range) == (25.0, 100.0)
    # PermenPANRB 14/2017: D 25.00-64.99, C 65.00-76.60, B 76.61-88.30, A 88.31-100
    drawn = sorted((s.x0, s.x1) for s in fig.layout.shapes)
    assert drawn == [(25.0, 64.99), (65.0, 76.6), (76.61, 88.3), (88.31, 100.0)]
    assert sorted(a.text for a in fig.layout.annotations) == ["A", "B", "C", "D"]


def test_a_month_axis_reads_month_and_year_in_the_page_language():
    from asn_analytics.i18n import MONTHS

    months = pd.date_range("2024-01-01", periods=24, freq="MS")
    frame = pd.DataFrame({"month": months, "n": range(24), "region_name": ["A"] * 24})
    fig = charts.lines(
        frame, frame, x="month", y="n", color="region_name", title="t", labels={}, hover=[],
        month_names=MONTHS["id"],
    )  # fmt: skip
    # 24 months, every second one labelled: Jan 2024, Mar 2024, Mei 2024, ...
    assert fig.layout.xaxis.ticktext[:3] == ("Jan 2024", "Mar 2024", "Mei 2024")
    assert len(fig.layout.xaxis.ticktext) == 12


def test_ranked_bars_keep_the_frames_order_whatever_their_colour():
    frame = pd.DataFrame(
        {"unit": ["U1", "U2", "U3"], "coverage": [0.1, 0.2, 0.3], "region": ["B", "A", "B"]}
    )
    fig = charts.bars(
        frame, frame, x="unit", y="coverage", color="region", title="t", labels={}, hover=[],
        orientation="h", barmode="stack", ranked=True,
    )  # fmt: skip
    # the lowest first, at the top (plotly lists a vertical axis bottom-up), though region B's
    # trace comes first
    assert fig.layout.yaxis.categoryarray == ("U3", "U2", "U1")
