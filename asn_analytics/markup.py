"""Text from the data shown as it is: escaped for plotly's labels and for Streamlit's markdown.

Plotly renders a subset of HTML (<b>, <i>, <a href>, <span style>, <br>) in titles, tick
labels, legends and hovers, and decodes entities: a name escaped here shows its "<b>" literally.
Streamlit renders markdown (and its own :colour[...] and $maths$) in st.markdown, st.caption,
st.subheader, alerts and widget labels: every punctuation mark escaped shows as typed.
"""

from __future__ import annotations

import html
import re
import string

import pandas as pd

# CommonMark lets a backslash escape any ASCII punctuation; the mark then shows as typed.
_MARKDOWN = re.compile("([" + re.escape(string.punctuation) + "])")


def chart(value: object) -> object:
    """A text as plotly shows it literally (&, < and > as entities); other values unchanged."""
    return html.escape(value, quote=False) if isinstance(value, str) else value


def chart_column(column: pd.Series) -> pd.Series:
    """A column's texts escaped for plotly; a column of figures or dates is left as it is."""
    if column.dtype == object or pd.api.types.is_string_dtype(column):
        return column.map(chart, na_action="ignore")
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.rename_categories([chart(c) for c in column.cat.categories])
    return column


def chart_frame(frame: pd.DataFrame, columns: list[str | None]) -> pd.DataFrame:
    """The table with the texts of `columns` (those present) escaped for plotly."""
    out = frame.copy()
    for column in dict.fromkeys(c for c in columns if c is not None and c in frame.columns):
        out[column] = chart_column(out[column])
    return out


def markdown(value: object) -> str:
    """A text as Streamlit's markdown shows it literally: punctuation escaped, its line breaks
    kept as line breaks (not paragraphs, lists or headings)."""
    lines = [_MARKDOWN.sub(r"\\\1", line.strip()) for line in str(value).splitlines()]
    return "  \n".join(lines)
