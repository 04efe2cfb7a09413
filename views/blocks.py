"""Blocks every page uses: cached metric tables, privacy-safe tables with downloads, Metodologi."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from asn_analytics import charts, db, export, grouping, markup, metrics, privacy
from asn_analytics.i18n import column_label, format_value, t, value_label
from views.frame import Context, _connection


def _run(db_path: str, name: str, filters_json: str) -> pd.DataFrame:
    con = db.cursor(_connection(db_path))
    try:
        return metrics.run(con, name, metrics.Filters.model_validate_json(filters_json))
    finally:
        con.close()


def _key(ctx: Context, name: str, changes: dict[str, object]) -> tuple[str, str, str, str]:
    """The cache key of an indicator on the page's filters (optionally changed): the data version
    is part of it, and every import advances it."""
    filters = ctx.filters.model_copy(update=changes) if changes else ctx.filters
    return ctx.db_path, ctx.data_version, name, filters.model_dump_json()


@st.cache_data(show_spinner=False, max_entries=512)
def _metric(db_path: str, data_version: str, name: str, filters_json: str) -> pd.DataFrame:
    return _run(db_path, name, filters_json)


def metric(ctx: Context, name: str, **changes: object) -> pd.DataFrame:
    """The raw table of an indicator for the page's filters (optionally changed), cached."""
    return _metric(*_key(ctx, name, changes))


@st.cache_data(show_spinner=False, max_entries=128)
def _flagged(
    db_path: str, data_version: str, name: str, filters_json: str
) -> tuple[pd.DataFrame, int]:
    frame = _run(db_path, name, filters_json)
    return frame[frame["flagged"]].reset_index(drop=True), len(frame)


def flagged(ctx: Context, name: str, **changes: object) -> tuple[pd.DataFrame, int]:
    """The flagged rows of an indicator and how many rows were checked, cached as such: the
    full table (evaluators: close to a million rows nationally) is neither kept nor shipped."""
    return _flagged(*_key(ctx, name, changes))


class Reads:
    """A page's indicator tables, as metrics.pages declares them: `reads["kuadran"]` is the
    table (a flagged read: its flagged rows and how many were checked), computed when first
    asked for and cached as `metric` caches it. A table the page does not declare is refused."""

    def __init__(self, ctx: Context, page: str) -> None:
        self._ctx = ctx
        self._page = page
        self._reads = {read.metric: read for read in metrics.pages.PAGES[page]}

    def __getitem__(self, name: str) -> pd.DataFrame | tuple[pd.DataFrame, int]:
        read = self._reads.get(name)
        if read is None:
            raise KeyError(f"{self._page} does not declare {name} (asn_analytics/metrics/pages.py)")
        changes = {"year_from": self._ctx.filters.year_to} if read.last_year else {}
        if read.flagged:
            return flagged(self._ctx, name, **changes)
        return metric(self._ctx, name, **changes)


def reads(ctx: Context, page: str) -> Reads:
    """The indicator tables of `page` (metrics.pages.PAGES)."""
    return Reads(ctx, page)


def shown(
    ctx: Context, frame: pd.DataFrame, name: str, columns: list[str] | None = None
) -> pd.DataFrame:
    """The table as people may see it: privacy applied (on the whole table, then `columns`
    kept), codes and headers translated."""
    out = _labelled(ctx, frame, name, columns)
    return out.rename(columns=lambda c: column_label(c, ctx.lang))


def hovers(ctx: Context, frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table a chart's hovers read: as shown, with its figures written as in the page's
    language (a share 0.141 as "14,1%", 16314 as "16.314"); a masked count stays "<5"."""
    out = _written(_labelled(ctx, frame, name), ctx.lang)
    return out.rename(columns=lambda c: column_label(c, ctx.lang))


def _labelled(
    ctx: Context, frame: pd.DataFrame, name: str, columns: list[str] | None = None
) -> pd.DataFrame:
    out = privacy.present(frame, name, ctx.pseudonym_key, columns)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v, c=column: value_label(c, v, ctx.lang))
    return _blank_text(out)


# Numeric columns that are labels, not figures: written as they are.
_NOT_FIGURES = {"year", "element_no", "rank"}


def _written(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each figure column as text: shares as percents, whole numbers as counts, others with two
    decimals; a text already there (a masked "<5") stays."""
    out = frame.copy()
    for i, column in enumerate(out.columns):
        values = out.iloc[:, i]
        if column in _NOT_FIGURES or pd.api.types.is_bool_dtype(values):
            continue
        if not (pd.api.types.is_numeric_dtype(values) or values.dtype == object):
            continue
        items = values.tolist()
        if any(privacy.is_hidden(v) for v in items):
            # A masked count column is text throughout ("<5", "–", "2559"): its counts are figures.
            items = [int(v) if isinstance(v, str) and v.isdigit() else v for v in items]
        numbers = [v for v in items if _is_figure(v)]
        if not numbers:
            continue
        if _SHARE.fullmatch(str(column)):
            kind = "percent"
        elif all(float(v).is_integer() for v in numbers):
            kind = "count"
        else:
            kind = "score"
        text = [format_value(v, kind, lang) if _is_figure(v) else _as_text(v) for v in items]
        out.isetitem(i, pd.Series(text, index=out.index, dtype=object))
    return out


def _as_text(value: object) -> object:
    """A cell that is not a figure: a hidden one (None) is empty, a text stays."""
    return "" if _empty(value) else value


def _empty(value: object) -> bool:
    """None, NaN, NA or NaT (a list or array in a cell is not empty)."""
    return pd.api.types.is_scalar(value) and pd.isna(value)


def _is_figure(value: object) -> bool:
    return (
        isinstance(value, int | float | np.number)
        and not isinstance(value, bool)
        and not pd.isna(value)
    )


def _blank_text(frame: pd.DataFrame, *, dates: bool = False) -> pd.DataFrame:
    """An empty text cell is empty, not the word "None"; with `dates`, date-times are written
    to the minute (dates alone when all are midnights) and an empty one is empty too."""
    out = frame.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            if column.map(_text_or_empty).all():
                out.isetitem(i, column.astype(object).fillna(""))
        elif dates and pd.api.types.is_datetime64_any_dtype(column):
            present = column.dropna()
            midnights = (present == present.dt.normalize()).all()
            written = column.dt.strftime("%Y-%m-%d" if midnights else "%Y-%m-%d %H:%M")
            out.isetitem(i, written.astype(object).fillna(""))
    return out


def _text_or_empty(value: object) -> bool:
    return isinstance(value, str) or _empty(value)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as people read it on screen (downloads keep the values): empty cells empty,
    date-times to the minute, dates without "00:00:00"."""
    return _blank_text(frame, dates=True)


def _hidden_cells(ctx: Context, frame: pd.DataFrame, name: str) -> dict[str, np.ndarray]:
    """Figure column -> which of its cells the privacy rules hide (a "<5", a "–", a figure on a
    small base left empty)."""
    shown = privacy.present(frame, name, ctx.pseudonym_key)
    hidden = {}
    for column in frame.columns:
        values = frame[column]
        if column not in shown.columns or pd.api.types.is_bool_dtype(values):
            continue
        if not pd.api.types.is_numeric_dtype(values):
            continue
        cells = shown[column]
        hidden[column] = cells.map(privacy.is_hidden).to_numpy(dtype=bool) | (
            cells.isna().to_numpy() & values.notna().to_numpy()
        )
    return hidden


def visible(ctx: Context, frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The rows of indicator `name` as a chart may draw them: each figure the privacy rules hide
    left empty (a bar's length would tell it), the others as numbers."""
    out = frame.copy()
    for column, hidden in _hidden_cells(ctx, frame, name).items():
        if hidden.any():
            out[column] = frame[column].mask(hidden)
    return out


def hidden(ctx: Context, frame: pd.DataFrame, name: str, column: str = "value") -> pd.Series:
    """Whether the privacy rules hide each row's `column` (a tile or a cell then shows "<5" or
    "–" instead)."""
    cells = _hidden_cells(ctx, frame, name).get(column)
    if cells is None:
        cells = np.zeros(len(frame), dtype=bool)
    return pd.Series(cells, index=frame.index)


def crosstab(
    ctx: Context,
    frame: pd.DataFrame,
    name: str,
    *,
    index: str,
    columns: str,
    value: str,
    index_order: list[str],
    column_order: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A count of `frame` by two codes, as a heatmap draws it: the numbers (a hidden cell empty)
    and the texts shown in the cells ("<5", "–", counts written in the page's language; an
    empty combination 0), rows and columns in words."""

    def pivot(table: pd.DataFrame) -> pd.DataFrame:
        wide = table.pivot(index=index, columns=columns, values=value)
        return wide.reindex(index=index_order, columns=column_order)

    shown = pivot(privacy.present(frame, name, ctx.pseudonym_key))

    def written(n: object) -> object:
        return n if privacy.is_hidden(n) else format_value(0 if _empty(n) else n, "count", ctx.lang)

    text = shown.map(written)
    numbers = pivot(frame).where(~text.map(privacy.is_hidden))
    rows = {code: value_label(index, code, ctx.lang) for code in index_order}
    cols = {code: value_label(columns, code, ctx.lang) for code in column_order}
    return numbers.rename(index=rows, columns=cols), text.rename(index=rows, columns=cols)


def coded(ctx: Context, frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The same table with the codes of `columns` turned into words, for axes and legends."""
    out = frame.copy()
    for column in columns:
        out[column] = out[column].map(lambda v, c=column: value_label(c, v, ctx.lang))
    return out


def grouping_note(ctx: Context, grouped: grouping.Grouped, *, ranked: bool = False) -> None:
    """The caption under a chart whose regions beyond the top ones are grouped or left out."""
    if not grouped.grouped:
        return
    if ranked:
        key = "compare.grouping_caption" if grouped.pooled else "compare.left_out"
    else:
        key = "grouping.left_out"
        if grouped.pooled:
            key = "grouping.caption_average" if grouped.average else "grouping.caption"
    st.caption(t(key, ctx.lang, shown=grouped.shown, rest=grouped.rest))


MAX_OPDS = 500  # OPDs a page offers to open (the unit filter's limit)


def by_opd(
    ctx: Context,
    frame: pd.DataFrame,
    *,
    key: str,
    title: str,
    level: str = "level",
    id_column: str = "unit_id",
    name_column: str = "unit_name",
) -> tuple[pd.DataFrame, str | None]:
    """The OPD rows of a breakdown by unit and, once the reader opens an OPD, the rows of the
    units beneath it instead, under `title` or "Units of <OPD>"; with the name of the OPD opened
    (None: all OPDs).

    `level` is the column telling OPD rows ('opd') from unit rows ('unit'); every unit row
    carries its OPD in `opd_id`.
    """
    opd_rows = frame[frame[level].eq("opd")]
    opds = opd_rows.drop_duplicates(id_column).sort_values([name_column, "region_name"])
    labels = opds[name_column].astype(str)
    if opds["region_code"].nunique() > 1:
        labels = labels + " · " + opds["region_name"].astype(str)
    names = dict(zip(opds[id_column], labels, strict=True))
    if len(names) > MAX_OPDS:  # nationally: a region first, as for the unit filter
        st.caption(t("opd.choose_region", ctx.lang, n=len(names)))
        names = {}
    opened = st.selectbox(
        t("opd.open", ctx.lang),
        ["", *names],
        format_func=lambda u: t("opd.all", ctx.lang) if u == "" else names.get(u, u),
        key=key,
    )
    if not opened:
        st.markdown(f"**{markup.markdown(title)}**")
        return opd_rows, None
    st.markdown(f"**{markup.markdown(t('opd.units_of', ctx.lang, opd=names[opened]))}**")
    units = frame[frame[level].eq("unit") & frame["opd_id"].eq(opened)]
    return units, names[opened]


def grid(frame: pd.DataFrame, **options: object) -> None:
    """Every table on screen: st.dataframe, whose own CSV button the app's configuration hides
    (client.disableDataExport), since it would write formulas as they are; the downloads
    beside a table go through asn_analytics.export."""
    st.dataframe(frame, **options)


def table(
    ctx: Context,
    frame: pd.DataFrame,
    name: str,
    *,
    file_stem: str,
    columns: list[str] | None = None,
    height: int | None = None,
) -> None:
    """Show a metric table (privacy applied) with CSV and Excel downloads of what is shown."""
    data = frame[columns] if columns else frame
    # The rules see the whole table: a share's base or a line's cells may be left off screen.
    view = shown(ctx, frame, name, columns)
    # Shares (0-1) read as percentages on screen; the downloads keep the figures.
    labels = {c: column_label(c, ctx.lang) for c in data.columns if _SHARE.fullmatch(c)}
    percent = {
        label: st.column_config.NumberColumn(format="percent")
        for label in labels.values()
        if label in view.columns
        and isinstance(view[label], pd.Series)
        and pd.api.types.is_float_dtype(view[label])
    }
    _with_downloads(ctx, view, file_stem, file_stem, height, percent)
    if any(view.iloc[:, i].map(privacy.is_hidden).any() for i in range(view.shape[1])):
        st.caption(t("privacy.legend", ctx.lang))


def raw_table(
    ctx: Context, frame: pd.DataFrame, *, file_stem: str, key: str, height: int | None = None
) -> None:
    """Show a table that is not an indicator (an import report) with its downloads."""
    view = frame.rename(columns=lambda c: column_label(c, ctx.lang))
    _with_downloads(ctx, view, file_stem, key, height)


_SHARE = re.compile(r"share(_\w+)?|coverage|compliance")


def _with_downloads(
    ctx: Context,
    view: pd.DataFrame,
    file_stem: str,
    key: str,
    height: int | None,
    config: dict[str, object] | None = None,
) -> None:
    grid(
        readable(view),
        hide_index=True,
        width="stretch",
        height=height or "auto",
        column_config=config,
    )
    stem = t(f"file.{file_stem}", ctx.lang)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("download.csv", ctx.lang),
        data=lambda: export.csv_bytes(view),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"csv-{key}",
        on_click="ignore",
    )
    right.download_button(
        t("download.excel", ctx.lang),
        data=lambda: export.xlsx_bytes(view),
        file_name=f"{stem}.xlsx",
        mime=export.XLSX_MIME,
        key=f"xlsx-{key}",
        on_click="ignore",
    )


def methodology(ctx: Context, names: list[str], note: str | None = None) -> None:
    """The Metodologi expander: each indicator's rule and regulation, from the registry."""
    with st.expander(t("methodology.title", ctx.lang)):
        for name in names:
            info = metrics.REGISTRY[name]
            st.markdown(
                f"**{info.description[ctx.lang]}**  \n{info.rule[ctx.lang]}  \n"
                f"*{t('methodology.regulation', ctx.lang)}: {info.regulation}*"
            )
        if note:
            st.caption(note)


@st.cache_data(show_spinner=False, max_entries=256)
def _figure(builder_name: str, *args: object, **kwargs: object) -> object:
    return getattr(charts, builder_name)(*args, **kwargs)


# Plotly's decimal and thousands separators per language (axis ticks, bar and cell texts).
SEPARATORS = {"id": ",.", "en": ".,"}


def plot(
    ctx: Context,
    builder: Callable[..., object],
    frame: pd.DataFrame,
    name: str,
    *,
    hover: list[str],
    header_of: dict[str, str] | None = None,
    reshape: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    drawn: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    **options: object,
) -> None:
    """A chart of indicator `name`'s rows `frame` (charts.bars or charts.lines): what it draws
    and what its hovers say follow the privacy rules (a hidden figure is not drawn, its hover
    says "<5" or "–"), codes are words and figures are written in the page's language; the axis
    and legend titles are the columns' headers.

    `hover`: the columns a hover lists. `header_of`: {column: the column whose header titles it}
    (a `category` that is an employment type). `reshape`: a change of shape made to both the
    drawn rows and the hovers' (a melt); `drawn`: a change of the drawn rows only (the bars'
    names)."""
    lang = ctx.lang
    written = _written(_labelled(ctx, frame, name), lang)
    rows = visible(ctx, frame, name)
    if reshape is not None:
        written, rows = reshape(written), reshape(rows)
    if drawn is not None:
        rows = drawn(rows)
    renames = header_of or {}
    chart(
        ctx,
        builder,
        rows,
        written.rename(columns=lambda c: column_label(c, lang)),
        labels={c: column_label(renames.get(c, c), lang) for c in rows.columns},
        hover=[column_label(c, lang) for c in hover],
        **options,
    )


def chart(ctx: Context, builder: Callable[..., object], *args: object, **kwargs: object) -> None:
    """Render a chart builder's figure at full width, its numbers written as in the language;
    figures are cached on their inputs, since building a plotly figure costs more than the
    queries behind it."""
    figure = _figure(builder.__name__, *args, **kwargs)
    figure.update_layout(separators=SEPARATORS[ctx.lang])
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False})
