"""ASN Analytics dashboard: shared frame (page config, language, connection)."""

from __future__ import annotations

import duckdb
import streamlit as st

from asn_analytics import db, demo
from asn_analytics.i18n import LANGUAGES, t
from asn_analytics.settings import Settings


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One DuckDB connection per process; each script run takes its own cursor."""
    return db.connect(path)


def open_database(settings: Settings, lang: str) -> duckdb.DuckDBPyConnection:
    """A cursor on the database, generating the demo database first when the file is missing."""
    path = settings.db_path
    if not path.exists():
        with st.spinner(t("app.generating_demo", lang)):
            demo.build(path, settings=settings)
    try:
        return _connection(str(path)).cursor()
    except db.DatabaseError as exc:
        st.error(str(exc))
        st.stop()


def main() -> None:
    st.set_page_config(page_title="ASN Analytics", layout="wide")
    settings = Settings.from_env()
    lang = st.sidebar.radio(
        t("app.language", settings.lang),
        LANGUAGES,
        key="lang",
        index=LANGUAGES.index(settings.lang),
        format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
        horizontal=True,
    )
    con = open_database(settings, lang)
    st.title(t("app.title", lang))
    if db.is_demo(con):
        st.info(t("app.demo_banner", lang))
    st.write(t("app.coming", lang))
    counts = db.table_counts(con)
    for column, (table, rows) in zip(st.columns(4) * 2, counts.items(), strict=True):
        shown = f"{rows:,}".replace(",", "." if lang == "id" else ",")
        column.metric(t(f"table.{table}", lang), shown)


main()
