"""Chart builders: pure functions from a (privacy-applied, translated) table to a plotly Figure.

Bar heights and line points use the raw figures; hover texts use the displayed values, so a small
count shows as "<5" there too. Every text that reaches a figure (categories, legend names, hovers,
titles) is escaped here, since plotly renders HTML in them and names come from uploaded files.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from asn_analytics import markup
from asn_analytics.i18n import TEXT

# Ten colours for the ten regions a chart names; the pooled rest is grey.
PALETTE = [
    "#1f6f8b", "#e07a5f", "#3d405b", "#81b29a", "#f2cc8f",
    "#6d597a", "#b56576", "#355070", "#2a9d8f", "#bc6c25",
]  # fmt: skip
REST_COLOR = "#9aa0a6"
# The pooled rest's series name starts "Lainnya (" / "Others (" (grouping.regions).
_REST_PREFIXES = tuple(text.split("{")[0] for text in TEXT["grouping.others"].values())
PREDIKAT_COLORS = ["#1a7f37", "#7cc47f", "#f2cc8f", "#e07a5f", "#b23a48"]
MUTU_COLORS = {"A": "#1a7f37", "B": "#7cc47f", "C": "#f2a541", "D": "#b23a48"}


def _layout(fig: go.Figure, title: str, *, height: int = 380) -> go.Figure:
    fig.update_layout(
        title=markup.chart(title),
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        # At the foot of the figure rather than at a fixed depth below the plot: in a narrow
        # column the category labels turn and the axis title would sit under the legend.
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        colorway=PALETTE,
        template="plotly_white",
    )
    for trace in fig.data:
        if isinstance(trace.name, str) and trace.name.startswith(_REST_PREFIXES):
            if isinstance(trace, go.Bar):
                trace.marker.color = REST_COLOR
            elif isinstance(trace, go.Scatter):
                trace.line.color = REST_COLOR
                trace.marker.color = REST_COLOR
    return fig


def _hover(frame: pd.DataFrame, shown: pd.DataFrame, columns: list[str]) -> list[str]:
    """Hover lines 'label: value' from the displayed table, one string per row, escaped."""
    rows = shown.loc[frame.index]
    rows = rows.loc[:, ~rows.columns.duplicated()]
    parts = [
        markup.chart(c) + ": " + rows[c].astype(str).map(markup.chart)
        for c in columns
        if c in rows.columns
    ]
    if not parts:
        return [""] * len(rows)
    text = parts[0]
    for part in parts[1:]:
        text = text + "<br>" + part
    return text.tolist()


def bars(
    frame: pd.DataFrame,
    shown: pd.DataFrame,
    *,
    x: str,
    y: str,
    color: str | None,
    title: str,
    labels: dict[str, str],
    hover: list[str],
    barmode: str = "group",
    orientation: str = "v",
    color_sequence: list[str] | None = None,
    category_orders: dict[str, list] | None = None,
    percent: bool = False,
    height: int = 380,
    value_range: tuple[float, float] | None = None,
    bands: list[tuple[float, float, str]] | None = None,
    ranked: bool = False,
) -> go.Figure:
    """Bars of `y` by `x`, coloured by `color`; hovers show the displayed values.

    `value_range`: the value axis from a meaningful floor (IKM from 25, its lowest value);
    `bands`: (low, high, name) drawn behind the bars along the value axis (the mutu bands);
    `ranked`: the bars in the frame's order (first at the top of a horizontal chart), whatever
    their colour."""
    data = markup.chart_frame(frame, [x, y, color]).assign(_hover=_hover(frame, shown, hover))
    fig = px.bar(
        data,
        x=x if orientation == "v" else y,
        y=y if orientation == "v" else x,
        color=color,
        barmode=barmode,
        orientation=orientation,
        labels=_labels(labels),
        custom_data=["_hover"],
        color_discrete_sequence=color_sequence or PALETTE,
        category_orders={
            c: [markup.chart(v) for v in o]
            for c, o in {
                **(category_orders or {}),
                **({x: list(frame[x])} if ranked else {}),
            }.items()
        },
    )
    fig.update_traces(hovertemplate="%{customdata[0]}<extra></extra>")
    axis = fig.update_yaxes if orientation == "v" else fig.update_xaxes
    axis(separatethousands=True)  # the value axis: 2.000, not 2000 (years stay 2025)
    if percent:
        axis(tickformat=".0%")
    if value_range is not None:
        axis(range=list(value_range))
    for low, high, name in bands or ():
        band = fig.add_vrect if orientation == "h" else fig.add_hrect
        band(
            low,
            high,
            fillcolor=MUTU_COLORS.get(name, "#888888"),
            opacity=0.08,
            line_width=0,
            layer="below",
            annotation_text=markup.chart(name),
            annotation_position="top left" if orientation == "h" else "left",
        )
    return _layout(fig, title, height=height)


MONTH_TICKS = 12  # labels on a month axis


def lines(
    frame: pd.DataFrame,
    shown: pd.DataFrame,
    *,
    x: str,
    y: str,
    color: str | None,
    title: str,
    labels: dict[str, str],
    hover: list[str],
    percent: bool = False,
    markers: pd.DataFrame | None = None,
    marker_name: str = "",
    height: int = 380,
    month_names: list[str] | None = None,
) -> go.Figure:
    """Lines of `y` over `x` per `color`; optional highlighted points (e.g. anomalies).
    `month_names` (Jan ... Des): a month axis reads "Mei 2024" in the page's language."""
    data = markup.chart_frame(frame, [x, y, color]).assign(_hover=_hover(frame, shown, hover))
    fig = px.line(
        data, x=x, y=y, color=color, labels=_labels(labels), custom_data=["_hover"], markers=True
    )
    fig.update_traces(hovertemplate="%{customdata[0]}<extra></extra>")
    if markers is not None and len(markers):
        markers = markup.chart_frame(markers, [x, y])
        fig.add_trace(
            go.Scatter(
                x=markers[x],
                y=markers[y],
                mode="markers",
                name=markup.chart(marker_name),
                marker={
                    "size": 14,
                    "symbol": "circle-open",
                    "color": "#b23a48",
                    "line": {"width": 3},
                },
                hoverinfo="skip",
            )
        )
    fig.update_yaxes(separatethousands=True)
    if pd.api.types.is_integer_dtype(data[x]):  # years: one tick each, never 2,023.5
        fig.update_xaxes(dtick=1, tickformat="d")
    elif month_names is not None and len(data):
        months = pd.to_datetime(pd.Series(data[x].unique())).sort_values()
        step = max(1, -(-len(months) // MONTH_TICKS))  # at most MONTH_TICKS labels
        ticks = months.iloc[::step]
        fig.update_xaxes(
            tickvals=list(ticks),
            ticktext=[f"{month_names[d.month - 1]} {d.year}" for d in ticks],
        )
    if percent:
        fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _layout(fig, title, height=height)


def heatmap(
    matrix: pd.DataFrame, text: pd.DataFrame, *, title: str, x_title: str, y_title: str
) -> go.Figure:
    """A labelled heatmap (e.g. the 3x3 kuadran); `text` holds the displayed cell values."""
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(dtype=float),
            x=[markup.chart(c) for c in matrix.columns],
            y=[markup.chart(i) for i in matrix.index],
            text=text.map(markup.chart).to_numpy(),
            texttemplate="%{text}",
            hovertemplate="%{y} × %{x}: %{text}<extra></extra>",
            colorscale="Blues",
            showscale=False,
        )
    )
    fig.update_xaxes(title=markup.chart(x_title), side="bottom")
    fig.update_yaxes(title=markup.chart(y_title), autorange="reversed")
    return _layout(fig, title, height=360)


def radar(frame: pd.DataFrame, *, theta: str, r: str, color: str, title: str) -> go.Figure:
    """Normalised indicators (0-1, 1 best) per region on a radar."""
    fig = go.Figure()
    for i, (name, group) in enumerate(frame.groupby(color, sort=False)):
        names = [_wrap(markup.chart(str(v))) for v in group[theta]]
        fig.add_trace(
            go.Scatterpolar(
                r=list(group[r]) + [group[r].iloc[0]],
                theta=names + names[:1],
                name=markup.chart(str(name)),
                line={"color": PALETTE[i % len(PALETTE)]},
                # The name by reference: a "%{...}" in it is not a template to fill in.
                hovertemplate="%{theta}: %{r:.2f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(polar={"radialaxis": {"range": [0, 1], "tickformat": ".0%"}})
    _layout(fig, title, height=460)
    # The indicator names stand outside the circle: room for them at either side.
    return fig.update_layout(margin={"l": 95, "r": 95})


def _labels(labels: dict[str, str]) -> dict[str, str]:
    """Axis and legend titles, escaped."""
    return {column: markup.chart(label) for column, label in labels.items()}


def _wrap(text: str, width: int = 14) -> str:
    """A label broken into lines of about `width` characters (plotly's <br>)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text
