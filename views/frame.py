"""The shared frame of every page: connection, language, sidebar filters kept in the URL."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import duckdb
import pandas as pd
import streamlit as st

from asn_analytics import db, demo, metrics
from asn_analytics.i18n import LANGUAGES, t
from asn_analytics.settings import Settings

ALL_TYPES = "all"


@dataclass(frozen=True)
class Context:
    """What a page needs: a cursor, the filters, the language and the data version."""

    con: duckdb.DuckDBPyConnection
    filters: metrics.Filters
    lang: str
    db_path: str
    data_version: str
    pseudonym_key: str
    is_demo: bool
    as_of: dt.date | None


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One DuckDB connection per process; each script run takes its own cursor."""
    con = db.connect(path)
    if db.get_meta(con, "pseudonym_key") is None:
        db.set_meta(con, "pseudonym_key", secrets.token_hex(16))
    return con


def open_cursor(settings: Settings, lang: str) -> duckdb.DuckDBPyConnection:
    """A cursor for this script run; the demo database is generated when the file is missing."""
    path = settings.db_path
    if not path.exists():
        with st.spinner(t("app.generating_demo", lang)):
            demo.build(path, settings=settings)
    try:
        return db.cursor(_connection(str(path)))
    except db.DatabaseError as exc:
        st.error(str(exc))
        st.stop()


@st.cache_data(show_spinner=False)
def _choices(db_path: str, data_version: str) -> tuple[pd.DataFrame, pd.DataFrame, tuple]:
    """Regions, units and the data's year range, for the filter widgets."""
    con = db.cursor(_connection(db_path))
    regions = con.execute("SELECT region_code, name FROM regions ORDER BY name").df()
    units = con.execute("SELECT unit_id, region_code, name FROM units ORDER BY name").df()
    latest, first_year = metrics.filters.event_range(con)
    return regions, units, (latest, first_year)


def language(settings: Settings) -> str:
    """The language switch (kept in the URL as ?lang=en)."""
    return st.sidebar.radio(
        "Bahasa / Language",
        LANGUAGES,
        index=LANGUAGES.index(settings.lang),
        key="lang",
        bind="query-params",
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        horizontal=True,
    )


def frame() -> Context:
    """Build the sidebar and return the page context; every page calls this first."""
    settings = Settings.from_env()
    lang = language(settings)
    con = open_cursor(settings, lang)
    path = str(settings.db_path)
    version = db.get_meta(con, "data_version") or "0"
    regions, units, (latest, first_year) = _choices(path, version)
    sidebar = st.sidebar
    sidebar.header(t("filter.title", lang))
    names = dict(zip(regions["region_code"], regions["name"], strict=True))
    chosen = sidebar.multiselect(
        t("filter.regions", lang),
        list(names),
        default=list(names),
        format_func=names.get,
        key="region",
        bind="query-params",
        placeholder=t("filter.regions_placeholder", lang),
    )
    this_year = (latest or dt.date.today()).year
    years = list(range(first_year or this_year, this_year + 1))
    if len(years) > 1:
        year_from, year_to = sidebar.select_slider(
            t("filter.years", lang),
            options=years,
            value=(years[0], years[-1]),
            key="years",
            bind="query-params",
        )
    else:
        year_from = year_to = years[0]
    pool = units[units["region_code"].isin(chosen or list(names))]
    unit_names = dict(zip(pool["unit_id"], pool["name"], strict=True))
    unit = sidebar.selectbox(
        t("filter.unit", lang),
        [""] + list(unit_names),
        format_func=lambda u: t("filter.all_units", lang) if u == "" else unit_names.get(u, u),
        key="unit",
        bind="query-params",
    )
    kind = sidebar.radio(
        t("filter.type", lang),
        [ALL_TYPES, "PNS", "PPPK"],
        format_func=lambda k: t("filter.all_types", lang) if k == ALL_TYPES else k,
        key="type",
        bind="query-params",
        horizontal=True,
    )
    filters = metrics.Filters(
        regions=tuple(chosen) if chosen and len(chosen) < len(names) else None,
        year_from=year_from,
        year_to=year_to,
        units=(unit,) if unit else None,
        employment_types=None if kind == ALL_TYPES else (kind,),
    )
    if not chosen:
        filters = filters.model_copy(update={"regions": ()})
    is_demo = db.is_demo(con)
    if is_demo:
        st.info(t("app.demo_banner", lang), icon=":material/science:")
    if latest:
        sidebar.caption(t("app.data_as_of", lang, date=format_date(latest, lang)))
    return Context(
        con=con,
        filters=filters,
        lang=lang,
        db_path=path,
        data_version=version,
        pseudonym_key=db.get_meta(con, "pseudonym_key") or "",
        is_demo=is_demo,
        as_of=latest,
    )


MONTHS = {
    "id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def format_date(day: dt.date, lang: str) -> str:
    """A date as people write it: 31 Des 2025 / 31 Dec 2025."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


_CONTEXT_KEY = "_page_context"


def publish(context: Context) -> None:
    """Hand this run's context from the router (app.py) to the page it runs."""
    st.session_state[_CONTEXT_KEY] = context


def context() -> Context:
    """The context app.py built for this script run."""
    return st.session_state[_CONTEXT_KEY]
