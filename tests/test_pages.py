"""Every page driven through Streamlit's AppTest on a copy of the demo database."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from asn_analytics import charts, db, grouping, i18n, metrics
from asn_analytics.i18n import column_label, format_value, t
from asn_analytics.metrics import summaries
from views import blocks
from views import frame as sidebar
from views.frame import _connection

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {
    "ringkasan": ("app_pages/ringkasan.py", 1),
    "kinerja": ("app_pages/kinerja.py", 3),
    "kompetensi": ("app_pages/kompetensi.py", 5),
    "pengaduan": ("app_pages/pengaduan.py", 7),
    "perbandingan": ("app_pages/perbandingan.py", 2),
    "karier": ("app_pages/karier.py", 4),
}
TIMEOUT = 120


@pytest.fixture(scope="module")
def app_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def app(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASN_DB", str(app_db))
    monkeypatch.delenv("ASN_LANG", raising=False)
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def _open(app: AppTest, page: str) -> AppTest:
    app.switch_page(PAGES[page][0]).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def _tiles(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _overview(app_db: Path, **filters) -> dict:
    con = db.cursor(_connection(str(app_db)))
    frame = metrics.run(con, "overview", metrics.Filters(**filters))
    return frame.set_index("indicator").to_dict("index")


@pytest.mark.parametrize("page", list(PAGES))
def test_page_runs_and_draws_its_charts(app, page):
    _open(app, page)
    charts = app.get("plotly_chart")
    assert len(charts) >= PAGES[page][1]
    assert any("Data demo (sintetis)" in info.value for info in app.info)
    assert len(app.expander) >= 1  # Metodologi
    assert app.expander[-1].label == "Metodologi"


def test_overview_tiles_show_the_overview_metric(app, app_db):
    _open(app, "ringkasan")
    expected = _overview(app_db)
    tiles = _tiles(app)
    headcount = format_value(expected["headcount"]["value"], "count", "id")
    assert tiles[t("kpi.headcount", "id")] == headcount
    assert headcount == "29.676" or headcount.replace(".", "").isdigit()
    ikm = expected["ikm"]
    assert (
        tiles[t("kpi.ikm", "id")] == f"{format_value(ikm['value'], 'score', 'id')} ({ikm['label']})"
    )


def test_a_filter_change_updates_the_tiles_to_the_metric(app, app_db):
    _open(app, "ringkasan")
    app.sidebar.multiselect(key="region").set_value(["1373"]).run()
    app.sidebar.select_slider(key="years").set_value((2022, 2024)).run()
    assert not app.exception
    expected = _overview(app_db, regions=("1373",), year_from=2022, year_to=2024)
    tiles = _tiles(app)
    for indicator, kind in (
        ("headcount", "count"),
        ("coverage_20jp", "percent"),
        ("share_sb_b", "percent"),
        ("ip_asn", "score"),
    ):
        assert tiles[t(f"kpi.{indicator}", "id")] == format_value(
            expected[indicator]["value"], kind, "id"
        ), indicator
    # Sawahlunto 2024 only: 1,739 PNS + the PPPK in service, not the four regions' total
    assert tiles[t("kpi.headcount", "id")] != _tiles_all(app_db)


def _tiles_all(app_db: Path) -> str:
    return format_value(_overview(app_db)["headcount"]["value"], "count", "id")


def test_url_query_parameters_set_the_widgets(app):
    # Bound widgets read their options' displayed labels from the URL: a shared link stays
    # readable (?region=Kota+Tanjungbalai&lang=English).
    app.query_params["region"] = ["Kota Tanjungbalai", "Kabupaten Batanghari"]
    app.query_params["years"] = ["2023", "2024"]
    app.query_params["type"] = "PNS"
    app.query_params["lang"] = "English"
    _open(app, "kinerja")
    assert app.sidebar.multiselect(key="region").value == ["1272", "1504"]
    assert tuple(app.sidebar.select_slider(key="years").value) == (2023, 2024)
    assert app.sidebar.radio(key="type").value == "PNS"
    assert app.sidebar.radio(key="lang").value == "en"
    assert app.title[0].value == "Performance"


# Official acronyms are used in English too.
ACRONYMS = {"IP ASN"}


def _indonesian_only() -> set[str]:
    """Texts whose Indonesian differs from their English: none may show in English."""
    texts = set()
    for table in (i18n.TEXT, i18n.COLUMNS, *i18n.VALUES.values()):
        for entry in table.values():
            if entry["id"] != entry["en"] and len(entry["id"]) > 3 and "{" not in entry["id"]:
                texts.add(entry["id"])
    return texts - ACRONYMS


def _mentions(text: str, phrase: str) -> bool:
    # Regulations are cited by their Indonesian titles in either language.
    text = text.split("*Regulation:")[0]
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


def _visible_texts(app: AppTest) -> list[str]:
    texts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "success",
    ):
        texts += [element.value for element in getattr(app, kind)]
    texts += [m.label for m in app.metric]
    texts += [e.label for e in app.expander]
    texts += [b.label for b in app.get("download_button")]
    for widget in (
        *app.sidebar.radio,
        *app.radio,
        *app.sidebar.multiselect,
        *app.sidebar.selectbox,
        *app.sidebar.select_slider,
    ):
        texts.append(widget.label)
    for chart in app.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        texts.append(json.dumps(figure.get("layout", {}).get("title", {}), ensure_ascii=False))
        for axis in ("xaxis", "yaxis"):
            texts.append(
                json.dumps(
                    figure.get("layout", {}).get(axis, {}).get("title", {}), ensure_ascii=False
                )
            )
        texts += [str(trace.get("name", "")) for trace in figure.get("data", [])]
    for frame in app.dataframe:
        texts += [str(c) for c in frame.value.columns]
    return texts


@pytest.mark.parametrize("page", list(PAGES))
def test_english_leaves_no_indonesian_label(app, page):
    app.query_params["lang"] = "English"
    _open(app, page)
    indonesian = _indonesian_only()
    leftovers = {
        (word, text) for text in _visible_texts(app) for word in indonesian if _mentions(text, word)
    }
    assert not leftovers


@pytest.mark.parametrize(
    ("value", "kind", "lang", "signed", "expected"),
    [
        (26751, "count", "id", False, "26.751"),
        (409, "count", "id", True, "+409"),
        (0.91, "percent", "id", False, "91,0%"),
        (0.03, "percent", "id", True, "+3,0 poin"),
        (-0.002, "percent", "id", True, "-0,2 poin"),
        (-0.0004, "percent", "id", True, "0,0 poin"),  # shows as zero: no sign, not "-0,0"
        (-0.004, "score", "en", True, "0.00"),
        (1.46, "score", "en", True, "+1.46"),
        (-0.4, "count", "id", True, "0"),
    ],
)
def test_figures_and_their_changes_are_written_as_people_read_them(
    value, kind, lang, signed, expected
):
    assert format_value(value, kind, lang, signed=signed) == expected


def test_tile_changes_are_the_overview_changes_and_a_zero_one_has_no_arrow(app, app_db):
    _open(app, "ringkasan")
    expected = _overview(app_db)
    kinds = {"headcount": "count", "share_sb_b": "percent", "sla_compliance": "percent"}
    tiles = {m.label: m for m in app.metric}
    flat = 0
    for indicator, kind in kinds.items():
        tile = tiles[t(f"kpi.{indicator}", "id")]
        delta = format_value(expected[indicator]["change"], kind, "id", signed=True)
        assert tile.proto.delta == delta, indicator
        if delta[0] not in "+-":  # shows as zero: neither up nor down, nor green or red
            flat += 1
            assert tile.proto.direction == tile.proto.MetricDirection.NONE, indicator
            assert tile.proto.color == tile.proto.MetricColor.GRAY, indicator
        else:
            assert tile.proto.direction != tile.proto.MetricDirection.NONE, indicator
    # The demo's on-time share moves by less than 0.05 points between its last two years.
    assert flat >= 1


def test_charts_write_numbers_in_the_page_language_and_keep_the_legend_at_the_foot(app, app_db):
    _open(app, "kinerja")
    figures = _figures(app)
    assert {f["layout"]["separators"] for f in figures} == {",."}  # 16.314 and 0,5
    for figure in figures:
        if figure["layout"].get("showlegend", True) and len(figure["data"]) > 1:
            assert figure["layout"]["legend"]["yref"] == "container"
    # Thousands separators on the value axis only: the years along a time axis stay 2025.
    years = next(f for f in figures if f["data"][0]["type"] == "scatter")
    assert years["layout"]["yaxis"]["separatethousands"] is True
    assert not years["layout"]["xaxis"].get("separatethousands")
    # The kuadran cells: formatted counts, the same total as the metric's.
    kuadran = next(f for f in figures if f["data"][0]["type"] == "heatmap")
    cells = [c for row in kuadran["data"][0]["text"] for c in row]
    con = db.cursor(_connection(str(app_db)))
    year = int(kuadran["layout"]["title"]["text"].split()[2].rstrip(":"))
    counts = metrics.run(con, "kuadran", metrics.Filters(year_from=year, year_to=year))["n"]
    assert sum(int(c.replace(".", "")) for c in cells) == int(counts.sum())
    assert any("." in c for c in cells)  # a count of a thousand or more has its separator
    app.sidebar.radio(key="lang").set_value("en").run()
    assert {f["layout"]["separators"] for f in _figures(app)} == {".,"}


def test_an_empty_text_cell_is_empty_on_screen_not_none():
    frame = pd.DataFrame(
        {
            "kind": ["ikm_mutu", "complaint_anomaly"],
            "unit_name": ["Dinas Sosial", None],
            "evaluator_nip": [None, None],  # no evaluator among these alerts
            "value": [75.24, 25.0],
        }
    )
    ctx = SimpleNamespace(lang="id", pseudonym_key="key")
    view = blocks.shown(ctx, frame, "alerts")
    assert view[column_label("unit_name", "id")].tolist() == ["Dinas Sosial", ""]
    assert view[column_label("evaluator", "id")].tolist() == ["", ""]
    assert view[column_label("value", "id")].tolist() == [75.24, 25.0]


def test_chart_hovers_write_figures_as_in_the_page_language():
    frame = pd.DataFrame(
        {
            "region_name": ["Kota Medan", "Kota Sawahlunto"],
            "year": [2025, 2025],
            # Two predikat: the regions' two cells of one predikat would add up to a total.
            "predikat": ["sangat_baik", "baik"],
            "n": [2559, 3],  # 3 people: masked
            "rated": [18187, 210],
            "share": [0.1407095610342754, 0.0142857],
            "mean_value": [3.0512, 2.5],
            "median_days": pd.array([4.5, pd.NA], dtype="Float64"),  # a nullable column
        }
    )
    ctx = SimpleNamespace(lang="id", pseudonym_key="key")
    hover = blocks.hovers(ctx, frame, "predikat_distribution")
    assert hover[column_label("year", "id")].tolist() == [2025, 2025]
    assert hover[column_label("n", "id")].tolist() == ["2.559", "<5"]
    assert hover[column_label("rated", "id")].tolist() == ["18.187", "210"]
    assert hover[column_label("share", "id")].tolist() == ["14,1%", ""]  # of 3 people: hidden
    assert hover[column_label("mean_value", "id")].tolist() == ["3,05", ""]
    assert hover[column_label("median_days", "id")].tolist() == ["4,50", ""]
    english = blocks.hovers(SimpleNamespace(lang="en", pseudonym_key="key"), frame, "x")
    assert english[column_label("rated", "en")].tolist() == ["18,187", "210"]


def test_alerts_keep_units_and_evaluators_as_text_when_none_has_one(app_db):
    con = db.cursor(_connection(str(app_db)))
    alerts = metrics.run(con, "alerts", metrics.Filters())
    assert alerts["evaluator_nip"].isna().all()  # the case in point: no lenient evaluator
    for column in ("unit_id", "unit_name", "evaluator_nip"):
        assert not pd.api.types.is_numeric_dtype(alerts[column]), column


def test_a_report_table_shows_dates_as_dates_and_empty_cells_empty():
    frame = pd.DataFrame(
        {
            "latest": pd.to_datetime(["2025-12-31", None]),  # dates stored as timestamps
            "imported_at": pd.to_datetime(["2026-01-05 09:30", "2026-01-06 00:00"]),
            "file_name": ["pegawai.csv", None],
        }
    )
    frame["undone_at"] = pd.to_datetime([None, None])  # nothing undone
    view = blocks.readable(frame)
    assert view["latest"].tolist() == ["2025-12-31", ""]
    assert view["imported_at"].tolist() == ["2026-01-05 09:30", "2026-01-06 00:00"]
    assert view["file_name"].tolist() == ["pegawai.csv", ""]
    assert view["undone_at"].tolist() == ["", ""]


def test_every_indicator_column_has_a_header_in_both_languages():
    columns = {c for info in metrics.REGISTRY.values() for c in info.columns}
    assert columns <= set(i18n.COLUMNS)


def test_every_header_a_page_names_has_a_translation():
    named = {
        name
        for path in [*(ROOT / "app_pages").glob("*.py"), *(ROOT / "views").glob("*.py")]
        for name in re.findall(r'column_label\(\s*"([a-z_0-9]+)"', path.read_text())
    }
    assert named and named <= set(i18n.COLUMNS), named - set(i18n.COLUMNS)


def test_small_cells_show_as_less_than_five(app):
    # One small unit: every count about fewer than 5 people shows "<5".
    _open(app, "kinerja")
    app.sidebar.multiselect(key="region").set_value(["1373"]).run()
    app.sidebar.selectbox(key="unit").set_value("1373:kecamatan silungkang").run()
    assert not app.exception
    frames = [f.value for f in app.dataframe]
    values = {str(v) for frame in frames for column in frame.columns for v in frame[column]}
    assert "<5" in values
    for frame in frames:
        for column in frame.columns:
            numbers = frame[column][frame[column].map(lambda v: isinstance(v, int))]
            if column in ("Jumlah", "Dinilai"):
                assert not numbers.between(1, 4).any()


def test_many_regions_are_ranked_rows_with_the_rest_grouped(app, app_db):
    # 14 more regions, each with one satisfaction response: 18 regions on the scorecard.
    con = db.cursor(_connection(str(app_db)))
    answers = ", ".join(["3"] * 9)
    for i in range(14):
        code = f"{1101 + i}"
        con.execute(
            "INSERT INTO regions VALUES (?, ?, 'kabupaten', 'Aceh', 100000, 2023, NULL)",
            [code, f"Kabupaten Uji {i + 1:02d}"],
        )
        con.execute(
            f"INSERT INTO ikm_responses VALUES ('r{code}', ?, ?, DATE '2025-06-01', NULL, "
            f"{answers}, NULL)",
            [code, f"{code}:dinas sosial"],
        )
    db.set_meta(con, "data_version", "many-regions")
    st.cache_data.clear()
    _open(app, "perbandingan")
    app.selectbox(key="compare_rank_by").set_value("ikm").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == 15  # the best 15 of 18, one row each
    assert any("15 wilayah teratas dari 18" in c.value for c in app.caption)
    bars = json.loads(app.get("plotly_chart")[0].proto.spec)
    names = [str(y) for trace in bars["data"] for y in trace.get("y", [])]
    # IKM pools from each element's answers, which the scorecard does not carry: the other 3
    # regions are left out and the caption says so.
    assert len(names) == 15 and not any(name.startswith("Lainnya") for name in names)
    assert any("3 wilayah lainnya tidak ditampilkan" in c.value for c in app.caption)


def test_the_careers_page_draws_the_promotion_shares_the_metric_gives(app, app_db):
    _open(app, "karier")
    con = db.cursor(_connection(str(app_db)))
    expected = metrics.run(con, "promotions", metrics.Filters())
    expected = expected[expected["year"].eq(2025) & expected["dimension"].eq("predikat")]
    bars = _figures(app)[0]
    medan = next(trace for trace in bars["data"] if trace["name"] == "Kota Medan")
    words = {i18n.value_label("category", c, "id"): c for c in expected["category"]}
    drawn = dict(zip((words[x] for x in _array(medan["x"])), _array(medan["y"]), strict=True))
    want = expected[expected["region_code"].eq("1275")].set_index("category")["share_promoted"]
    assert drawn == pytest.approx(want.to_dict())
    # The planted pattern: in Medan no one rated below Baik is promoted; Baik staff are.
    assert drawn["below_baik"] == 0 and drawn["baik_or_better"] > 0.3
    assert len(app.dataframe) == 3
    # The awards line: in Medan every performance award went to staff rated Baik or better.
    awards = _figures(app)[4]
    medan_awards = next(trace for trace in awards["data"] if trace["name"] == "Kota Medan")
    assert _array(medan_awards["y"]) == [1.0, 1.0, 1.0]
    assert app.expander[-1].label == "Metodologi"


TOP = grouping.TOP_REGIONS
SPREAD = 16  # new regions: 20 in all


@pytest.fixture(scope="module")
def many_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with four fifths of its staff, complaints and survey answers spread (by a hash of
    their key) over 16 more regions: 20 regions on every page."""
    path = tmp_path_factory.mktemp("many") / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    con = db.cursor(_connection(str(path)))
    for i in range(SPREAD):
        con.execute(
            "INSERT INTO regions VALUES (?, ?, 'kabupaten', 'Aceh', 100000, 2023, NULL)",
            [f"{1101 + i}", f"Kabupaten Uji {i + 1:02d}"],
        )
    for table, key in {
        "staff": "nip",
        "complaints": "complaint_id",
        "ikm_responses": "response_id",
    }.items():
        con.execute(
            f"UPDATE {table} SET region_code = CAST(1101 + hash({key}) % {SPREAD} AS VARCHAR) "
            f"WHERE hash({key}) % 5 <> 0"
        )  # fmt: skip
    db.set_meta(con, "data_version", "spread")
    summaries.refresh(con)
    return path


@pytest.fixture
def many(many_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASN_DB", str(many_db))
    monkeypatch.delenv("ASN_LANG", raising=False)
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def _region_names(many_db: Path) -> set[str]:
    con = db.cursor(_connection(str(many_db)))
    return {name for (name,) in con.execute("SELECT name FROM regions").fetchall()}


def _figures(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _array(values: object) -> list:
    """A figure's array: a list, or plotly's typed array {"dtype", "bdata"}."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def _drawn(figure: dict, names: set[str]) -> tuple[set[str], set[str]]:
    """Regions (and the grouped rest), and units ("unit · region"), a figure draws as traces or
    as axis categories."""
    regions, units = set(), set()
    for trace in figure["data"]:
        values = [trace.get("name")] + list(trace.get("x") or []) + list(trace.get("y") or [])
        for value in values:
            if isinstance(value, str) and (value in names or value.startswith("Lainnya (")):
                regions.add(value)
            elif isinstance(value, str) and " · " in value:
                units.add(value)
    return regions, units


@pytest.mark.parametrize("page", list(PAGES))
def test_many_regions_draw_the_top_ones_and_the_rest_grouped(many, many_db, page):
    _open(many, page)
    names = _region_names(many_db)
    limit = 16 if page == "perbandingan" else TOP + 1  # the comparison ranks the best 15
    grouped = False
    for figure in _figures(many):
        drawn, units = _drawn(figure, names)
        assert len(drawn) <= limit, (figure["layout"]["title"]["text"], len(drawn))
        assert len(units) <= grouping.TOP_UNITS
        grouped |= any(name.startswith("Lainnya (") for name in drawn)
        traces = [x for x in figure["data"] if x.get("name") != t("complaints.anomaly", "id")]
        assert len(traces) <= limit
    assert grouped or page == "ringkasan"  # the overview stacks regions within a bar


def test_the_rest_is_pooled_from_numerators_and_denominators(many, many_db):
    _open(many, "kompetensi")
    con = db.cursor(_connection(str(many_db)))
    coverage = metrics.run(con, "coverage_20jp", metrics.Filters())
    regional = coverage[coverage["dimension"].eq("region")]
    top = grouping.largest(regional, "n")
    rest = regional[~regional["region_code"].isin(top)]
    year = int(regional["year"].max())
    last = rest[rest["year"].eq(year)]
    pooled = last["n_reached"].sum() / last["n"].sum()
    line = next(
        trace
        for trace in _figures(many)[0]["data"]
        if trace["name"] == f"Lainnya ({SPREAD + 4 - TOP} wilayah)"
    )
    points = dict(zip(_array(line["x"]), _array(line["y"]), strict=True))
    assert points[year] == pytest.approx(pooled)
    assert line["line"]["color"] == charts.REST_COLOR  # grey, never a region's colour
    assert pooled != pytest.approx(last["coverage"].mean(), abs=1e-6)  # not a mean of rates


def test_per_100k_cannot_be_pooled_so_the_rest_is_left_out(many):
    _open(many, "pengaduan")
    many.radio(key="complaint_measure").set_value("per_100k").run()
    assert not many.exception
    names = [t.get("name") for t in _figures(many)[0]["data"]]
    assert not any(str(n).startswith("Lainnya") for n in names)
    assert any("10 wilayah lainnya tidak ditampilkan" in c.value for c in many.caption)


def test_ikm_per_unit_shows_the_lowest_or_highest_few(many):
    _open(many, "pengaduan")
    ikm = next(f for f in _figures(many) if f["layout"]["title"]["text"].startswith("IKM per OPD"))
    assert sum(len(t["y"]) for t in ikm["data"]) == grouping.TOP_UNITS
    # Opening an OPD shows its service units.
    many.selectbox(key="ikm_opd").set_value("1373:dinas kesehatan").run()
    ikm = next(f for f in _figures(many) if f["layout"]["title"]["text"].startswith("IKM per unit"))
    names = {y for t in ikm["data"] for y in t["y"]}
    assert {n.split(" · ")[0] for n in names} == {"Dinas Kesehatan", "Rumah Sakit Umum Daerah"}
    many.radio(key="ikm_units_end").set_value("highest").run()
    assert not many.exception


def test_the_unit_picker_waits_for_a_region_when_there_are_many_units(many, monkeypatch):
    monkeypatch.setattr(sidebar, "MAX_UNITS", 40)
    _open(many, "kinerja")
    assert not many.sidebar.selectbox  # 147 units: no picker
    assert any("pilih wilayah lebih dulu" in c.value for c in many.sidebar.caption)
    many.sidebar.multiselect(key="region").set_value(["1373"]).run()  # 31 units
    picker = many.sidebar.selectbox(key="unit")
    assert len(picker.options) == 32
    # each OPD with the units beneath it: the hospital sits in the health office
    at = picker.options.index("Dinas Kesehatan")
    assert picker.options[at + 1] == "Dinas Kesehatan › Rumah Sakit Umum Daerah"
    picker.set_value("1373:kecamatan silungkang").run()
    assert not many.exception
    many.sidebar.multiselect(key="region").set_value(["1373", "1275"]).run()  # 79 units
    assert not many.sidebar.selectbox
    assert any("79 unit" in c.value for c in many.sidebar.caption)


def test_kinerja_keeps_only_the_flagged_evaluators(many, many_db):
    _open(many, "kinerja")
    filters = metrics.Filters(year_from=2021, year_to=2025).model_dump_json()
    rows, checked = blocks._flagged(str(many_db), "spread", "objectivity_evaluators", filters)
    assert rows["flagged"].all() and checked > len(rows)
    assert any("penilai" in m.value and str(len(rows)) in m.value for m in many.markdown)


def test_a_unit_in_the_url_is_picked_once_its_region_is(many, monkeypatch):
    monkeypatch.setattr(sidebar, "MAX_UNITS", 40)
    many.query_params["region"] = ["Kota Sawahlunto"]
    many.query_params["unit"] = "Kecamatan Silungkang"
    _open(many, "kinerja")
    assert many.sidebar.selectbox(key="unit").value == "1373:kecamatan silungkang"


def test_a_suppressed_cell_stays_suppressed_on_screen_and_in_the_csv(app, monkeypatch):
    # Kota Sawahlunto 2025, Kecamatan Talawi: 12 PNS, 8 reached 20 JP. The 4 not reached would be
    # 12 - 8: the 8 is hidden ("–") with its coverage; 2021 Dinas Pariwisata: 4 of 19 is "<5".
    written: list[bytes] = []
    original = DeltaGenerator.download_button

    def capture(self, label, data=None, *args, **kwargs):
        if kwargs.get("file_name", "").endswith(".csv"):
            written.append(data() if callable(data) else data)
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", capture)
    _open(app, "kompetensi")
    columns = ("dimension", "category_name", "year", "n", "n_reached")
    header = {c: column_label(c, "id") for c in columns}
    screens = [f.value for f in app.dataframe if header["n_reached"] in f.value.columns]
    files = [pd.read_csv(io.BytesIO(b), encoding="utf-8-sig", dtype=str) for b in written]
    files = [f for f in files if header["n_reached"] in f.columns]
    assert screens and files
    for table in (screens[-1], files[-1]):
        year = table[header["year"]].astype(str)
        reached = table[header["n_reached"]].astype(str)
        # the unit rows (each of these OPDs has its row too, the same figures)
        unit = table[header["dimension"]].eq("Unit")
        talawi = unit & table[header["category_name"]].eq("Kecamatan Talawi") & year.eq("2025")
        pariwisata = (
            unit
            & table[header["category_name"]].eq("Dinas Pariwisata")
            & year.eq("2021")
            & table[header["n"]].astype(str).eq("19")
        )
        assert reached[talawi].tolist() == ["–"]
        assert table[header["n"]][talawi].astype(str).tolist() == ["12"]
        assert reached[pariwisata].tolist() == ["<5"]


@pytest.mark.parametrize(
    ("page", "key", "name_header"),
    [
        ("kinerja", "performance_opd", "Unit"),
        ("kompetensi", "training_opd", "Unit"),
        ("pengaduan", "complaints_opd", "Unit"),
    ],
)
def test_a_page_shows_opds_and_opens_one_to_its_units(app, page, key, name_header):
    _open(app, page)
    app.sidebar.multiselect(key="region").set_value(["1373"]).run()
    picker = app.selectbox(key=key)
    # Every OPD of Sawahlunto is offered; the hospital is a unit, not an OPD.
    assert "Dinas Kesehatan" in [picker.format_func(o) for o in picker.options]
    assert "1373:rumah sakit umum daerah" not in picker.options
    assert any("per OPD" in m.value or "OPD dengan" in m.value for m in app.markdown)
    picker.set_value("1373:dinas kesehatan").run()
    assert not app.exception
    assert any(m.value == "**Unit di bawah Dinas Kesehatan**" for m in app.markdown)
    if page == "kompetensi":  # the chart of its units' coverage
        chart = next(
            f for f in _figures(app) if "cakupan 20 JP terendah" in f["layout"]["title"]["text"]
        )
        assert chart["layout"]["title"]["text"].startswith("2 unit")
    else:  # the table of its units
        tables = [f.value for f in app.dataframe if name_header in f.value.columns]
        assert any(
            set(t[name_header]) == {"Dinas Kesehatan", "Rumah Sakit Umum Daerah"} for t in tables
        )
