"""The shared frame of every page: connection, language, sidebar filters kept in the URL."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd
import streamlit as st

from asn_analytics import db, markup, metrics
from asn_analytics.accounts import AccountError, Accounts, Principal
from asn_analytics.i18n import LANGUAGES, MONTHS, t
from asn_analytics.metrics import summaries
from asn_analytics.metrics.scope import PART_TIME
from asn_analytics.settings import Settings
from asn_analytics.synthetic import demo

ALL_TYPES = "all"
log = logging.getLogger("asn_analytics.app")


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
    principal: Principal

    @property
    def user(self) -> str:
        return self.principal.user


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One DuckDB connection per process; each script run takes its own cursor."""
    con = db.connect(path)
    if db.get_meta(con, "pseudonym_key") is None:
        db.set_meta(con, "pseudonym_key", secrets.token_hex(16))
    return con


@st.cache_resource(show_spinner=False)
def _summaries_ensured(path: str) -> bool:
    """Bring the summary tables up to date once per process, for a database written outside the
    import pipeline or by an older version; until then the indicators read the raw tables."""
    con = db.cursor(_connection(path))
    try:
        return summaries.ensure(con)
    except duckdb.OutOfMemoryException:
        return False  # the indicators stay on the raw tables: slower, still right
    finally:
        con.close()


def open_cursor(settings: Settings, lang: str) -> duckdb.DuckDBPyConnection:
    """A cursor for this script run; the demo database is generated when the file is missing."""
    path = settings.db_path
    if not path.exists():
        with st.spinner(t("app.generating_demo", lang)):
            demo.build(path, settings=settings)
    try:
        con = _connection(str(path))
    except db.DatabaseError as exc:
        st.error(markup.markdown(exc))
        st.stop()
    with st.spinner(t("app.preparing_summaries", lang)):
        _summaries_ensured(str(path))
    return db.cursor(con)


@st.cache_data(show_spinner=False)
def _choices(db_path: str, data_version: str) -> tuple[pd.DataFrame, pd.DataFrame, tuple]:
    """Regions, units and the data's year range, for the filter widgets."""
    con = db.cursor(_connection(db_path))
    regions = con.execute("SELECT region_code, name FROM regions ORDER BY name").df()
    units = con.execute(
        "SELECT unit_id, region_code, name, parent_id FROM units ORDER BY name"
    ).df()
    latest, first_year = metrics.filters.event_range(con)
    return regions, units, (latest, first_year)


# ?lang= as people write it: the code, the language's name in either language.
_LANG_WORDS = {
    "id": "id", "ind": "id", "indonesia": "id", "indonesian": "id", "bahasa": "id",
    "bahasa indonesia": "id", "en": "en", "eng": "en", "english": "en", "inggris": "en",
}  # fmt: skip


def _language_param() -> str | None:
    """The language ?lang= names as people write it (en, id, English, Indonesia, ...), when it
    is not the switch's own value (the language's name)."""
    asked = st.query_params.get("lang")
    if asked is None or asked in LANGUAGE_NAMES.values():
        return None
    return _LANG_WORDS.get(" ".join(asked.split()).casefold())


def language(settings: Settings, asked: str | None = None) -> str:
    """The language switch (kept in the URL as ?lang=English); `asked`: the language the
    address names otherwise (?lang=en), the switch's start."""
    return st.sidebar.radio(
        "Bahasa / Language",
        LANGUAGES,
        index=LANGUAGES.index(asked or settings.lang),
        key="lang",
        bind="query-params",
        format_func=LANGUAGE_NAMES.get,
        horizontal=True,
    )


_PRINCIPAL_KEY = "_principal"
_TOKEN_KEY = "_session_token"  # the token of this session's sign-in, checked on every run
_NEW_TOKEN_KEY = "_session_token_new"  # issued by the form: still to be written to the cookie
_SIGNED_OUT_KEY = "_signed_out"  # the cookie this session was opened with no longer counts
COOKIE = "asn_session"


def _identity_provider() -> bool:
    """True when an OpenID Connect provider is configured in the secrets ([auth])."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _secret(settings: Settings) -> str | None:
    """The session key: ASN_SESSION_SECRET, else session_secret in the secrets, else None (file)."""
    if settings.session_secret:
        return settings.session_secret
    try:
        value = st.secrets.get("session_secret")
    except Exception:  # no secrets file at all
        return None
    return str(value) if value else None


def _session_cookie() -> str | None:
    """The session cookie the browser sent when it opened this session."""
    return st.context.cookies.get(COOKIE)


def _cookie_script(token: str | None, max_age: int) -> None:
    """Set (or with None, delete) the session cookie in the browser; JavaScript cannot make it
    HttpOnly, so it is kept to this site (SameSite=Strict) and to https when the page is."""
    value = token or ""
    age = max_age if token else 0
    st.html(
        "<script>document.cookie = "
        f"'{COOKIE}={value}; Max-Age={age}; Path=/; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def sign_in(
    settings: Settings,
    con: duckdb.DuckDBPyConnection,
    lang: str,
    on_form: Callable[[str], object] | None = None,
) -> Principal:
    """Who is using the app; stops the page until someone with access has signed in."""
    accounts = Accounts.from_settings(
        settings.model_copy(update={"session_secret": _secret(settings)})
    )
    if _identity_provider():
        if not st.user.is_logged_in:
            st.title("ASN Analytics")
            st.button(t("auth.sign_in_provider", lang), on_click=st.login, type="primary")
            st.stop()
        principal = accounts.for_email(st.user.get("email"))
        if principal is None:
            accounts.audit("sign_in_no_access", st.user.get("email"))
            email = markup.markdown(st.user.get("email") or "?")
            st.error(t("auth.no_access", lang, email=email))
            st.button(t("auth.sign_out", lang), on_click=st.logout)
            st.stop()
        if st.session_state.get(_PRINCIPAL_KEY) != principal:
            accounts.audit("sign_in", principal.user, provider="oidc")
            st.session_state[_PRINCIPAL_KEY] = principal
        st.sidebar.button(t("auth.sign_out", lang), on_click=st.logout, key="sign_out")
        return principal
    if accounts.exist():
        principal = _local_session(accounts)
        if principal is None:
            if st.session_state.get(_SIGNED_OUT_KEY):
                _cookie_script(None, 0)
            if on_form is not None:
                on_form(lang)  # keeps the page of the address through the form's runs
            _local_form(accounts, settings, lang)
            st.stop()
        if _NEW_TOKEN_KEY in st.session_state:
            with st.sidebar:
                _cookie_script(st.session_state[_NEW_TOKEN_KEY], int(settings.session_hours * 3600))
        if st.sidebar.button(
            t("auth.sign_out_as", lang, user=markup.markdown(principal.user)), key="sign_out"
        ):
            accounts.audit("sign_out", principal.user)
            for key in (_PRINCIPAL_KEY, _TOKEN_KEY, _NEW_TOKEN_KEY):
                st.session_state.pop(key, None)
            st.session_state[_SIGNED_OUT_KEY] = True
            st.rerun()
        return principal
    if db.is_demo(con):
        st.sidebar.caption(t("auth.demo_open", lang))
        return Principal(user="demo", role="officer", regions=None)
    st.title("ASN Analytics")
    st.warning(t("auth.first_admin", lang, path=markup.markdown(settings.accounts_file)))
    st.code("python -m asn_analytics user add admin --role admin --regions all", language="bash")
    st.stop()


def _local_session(accounts: Accounts) -> Principal | None:
    """This session's account, from its sign-in or the browser's cookie, while the token holds
    (a new password, a lock or the account's removal ends it at the next run)."""
    token = st.session_state.get(_TOKEN_KEY)
    resumed = False
    if token is None and not st.session_state.get(_SIGNED_OUT_KEY):
        token, resumed = _session_cookie(), True
    principal = accounts.verify_token(token)
    if principal is None:
        for key in (_PRINCIPAL_KEY, _TOKEN_KEY, _NEW_TOKEN_KEY):
            st.session_state.pop(key, None)
        return None
    if resumed:
        accounts.audit("session_resumed", principal.user)
        st.session_state[_TOKEN_KEY] = token
    st.session_state[_PRINCIPAL_KEY] = principal
    return principal


def _local_form(accounts: Accounts, settings: Settings, lang: str) -> None:
    st.title("ASN Analytics")
    with st.form("sign_in"):
        st.subheader(t("auth.sign_in", lang))
        user = st.text_input(t("auth.user", lang), key="sign_in_user")
        password = st.text_input(t("auth.password", lang), type="password", key="sign_in_pw")
        if st.form_submit_button(t("auth.sign_in", lang), type="primary"):
            try:
                principal = accounts.sign_in(user, password)
            except AccountError as refused:
                st.error(refused.message(lang))  # fixed texts: no name from outside
            else:
                token = accounts.issue_token(principal.user, settings.session_hours)
                st.session_state[_TOKEN_KEY] = st.session_state[_NEW_TOKEN_KEY] = token
                st.session_state[_PRINCIPAL_KEY] = principal
                st.session_state.pop(_SIGNED_OUT_KEY, None)
                st.rerun()


def frame(on_form: Callable[[str], object] | None = None) -> Context:
    """Build the sidebar and return the page context; every page calls this first.

    `on_form(lang)` runs while the sign-in form shows (the router registers its pages there).
    """
    settings = Settings.from_env()
    written = _language_param()
    # As the address asked, before the widgets drop what they cannot use.
    asked = {key: st.query_params.get_all(key) for key in URL_KEYS if key in st.query_params}
    if written is not None:
        asked["lang"] = [LANGUAGE_NAMES[written]]
    lang = language(settings, written)
    con = open_cursor(settings, lang)
    principal = sign_in(settings, con, lang, on_form)
    path = str(settings.db_path)
    version = db.get_meta(con, "data_version") or "0"
    regions, units, (latest, first_year) = _choices(path, version)
    all_names = set(regions["name"])
    if principal.regions is not None:
        regions = regions[regions["region_code"].isin(principal.regions)]
        units = units[units["region_code"].isin(principal.regions)]
    if regions.empty:
        st.error(t("auth.no_regions", lang))
        st.stop()
    sidebar = st.sidebar
    sidebar.header(t("filter.title", lang))
    names = dict(zip(regions["region_code"], regions["name"], strict=True))
    chosen = sidebar.multiselect(
        t("filter.regions", lang),
        list(names),
        default=[],  # nothing chosen = every region (a readable default with 540 regions)
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
    unit, unit_names = _unit_picker(units, chosen or list(names), chosen, lang)
    kind = sidebar.radio(
        t("filter.type", lang),
        [ALL_TYPES, "PNS", "PPPK", PART_TIME],
        format_func=lambda k: t("filter.all_types", lang) if k == ALL_TYPES else k,
        key="type",
        bind="query-params",
        horizontal=True,
        help=t("filter.type_help", lang),
    )
    filters = metrics.Filters(
        regions=tuple(chosen) if chosen else None,
        year_from=year_from,
        year_to=year_to,
        units=(unit,) if unit else None,
        employment_types=None if kind == ALL_TYPES else (kind,),
        allowed_regions=principal.regions,
    )
    offered = {
        "lang": [LANGUAGE_NAMES[code] for code in LANGUAGES],
        "region": list(names.values()),
        "years": [str(year) for year in years] if len(years) > 1 else [],
        "unit": [t("filter.all_units", lang), *unit_names.values()] if unit_names else [],
        "type": [t("filter.all_types", lang), "PNS", "PPPK", PART_TIME],
    }
    used = {
        "lang": LANGUAGE_NAMES[lang],
        "region": ", ".join(names[c] for c in chosen) or t("filter.all_regions", lang),
        "years": f"{year_from}–{year_to}",
        "unit": (unit_names or {}).get(unit) or t("filter.all_units", lang),
        "type": t("filter.all_types", lang) if kind == ALL_TYPES else kind,
    }
    for param, values, granted_elsewhere in url_problems(asked, offered, all_names):
        if granted_elsewhere:
            st.warning(t("filter.region_not_granted", lang, value=", ".join(values)))
        else:
            st.warning(
                t(
                    "filter.invalid_param",
                    lang,
                    param=param,
                    value=",".join(values),
                    used=used[param],
                )
            )
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
        principal=principal,
    )


MAX_UNITS = 500  # options of the unit picker; nationally there are over 20,000 units


def _unit_picker(
    units: pd.DataFrame, pool_regions: list[str], chosen: list[str], lang: str
) -> tuple[str, dict[str, str] | None]:
    """The unit filter: offered only for a pool of at most MAX_UNITS units (a few regions).

    Returns the unit chosen ("" for all) and the units offered (None when there is no picker).
    """
    pool = units[units["region_code"].isin(pool_regions)]
    if len(pool) > MAX_UNITS:
        if chosen:
            text = t("filter.units_too_many", lang, n=len(pool), max=MAX_UNITS)
        else:
            text = t("filter.units_choose_region", lang)
        st.sidebar.caption(text)
        return "", None
    unit_names = _unit_tree(pool)
    unit = st.sidebar.selectbox(
        t("filter.unit", lang),
        [""] + list(unit_names),
        format_func=lambda u: t("filter.all_units", lang) if u == "" else unit_names.get(u, u),
        key="unit",
        bind="query-params",
        help=t("filter.unit_help", lang),
    )
    return unit, unit_names


def _unit_tree(pool: pd.DataFrame) -> dict[str, str]:
    """unit_id -> label, each OPD (by name) followed by the units beneath it ("OPD › unit")."""
    names = dict(zip(pool["unit_id"], pool["name"], strict=True))
    parent = {
        u: p
        for u, p in zip(pool["unit_id"], pool["parent_id"], strict=True)
        if isinstance(p, str) and p in names
    }
    children: dict[str, list[str]] = {}
    for unit, opd in parent.items():
        children.setdefault(opd, []).append(unit)
    out: dict[str, str] = {}
    for unit in sorted((u for u in names if u not in parent), key=lambda u: (names[u], u)):
        out[unit] = names[unit]
        for child in sorted(children.get(unit, ()), key=lambda u: (names[u], u)):
            out[child] = f"{names[unit]} › {names[child]}"
    for unit in names:  # beneath a unit that is itself beneath an OPD
        out.setdefault(unit, names[unit])
    return out


URL_KEYS = ("lang", "region", "years", "unit", "type")
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def url_problems(
    asked: dict[str, list[str]], offered: dict[str, list[str]], all_regions: set[str]
) -> list[tuple[str, list[str], bool]]:
    """The address parameters the filters cannot use: (parameter, its values, whether they are
    regions that exist but are not granted). A region list keeps its usable names, so each
    unusable name is reported; a year range must be two years of the data, in order."""
    found: list[tuple[str, list[str], bool]] = []
    for param, values in asked.items():
        options = offered[param]
        if param == "region":
            bad = [v for v in values if v not in options]
            denied = [v for v in bad if v in all_regions]
            if denied:
                found.append((param, denied, True))
            if len(bad) > len(denied):
                found.append((param, [v for v in bad if v not in all_regions], False))
        elif param == "years":
            ordered = len(values) == 2 and all(v in options for v in values)
            if not ordered or options.index(values[0]) > options.index(values[1]):
                found.append((param, values, False))
        elif len(values) != 1 or values[0] not in options:
            found.append((param, values, False))
    return found


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


def unexpected_error() -> str:
    """Log the exception being handled under a new error id (with its traceback) and return the
    id; the page shows only the id."""
    error_id = secrets.token_hex(4)
    log.exception("unexpected error %s on page %s", error_id, _page_name())
    return error_id


@contextmanager
def guarded() -> Iterator[None]:
    """Any unexpected error of the page becomes a short message with an error id in the user's
    language; the traceback goes to the log under that id. (Streamlit's stop and rerun are not
    Exceptions and pass through.)"""
    try:
        yield
    except Exception:
        error_id = unexpected_error()
        lang = st.session_state.get("lang")
        st.error(t("app.unexpected_error", lang if lang in LANGUAGES else "id", id=error_id))


def _page_name() -> str:
    try:
        return st.context.url or "?"
    except Exception:  # outside a session (a test, a script)
        return "?"
