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
