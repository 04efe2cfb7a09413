"""Names from uploaded files are shown as typed: never as HTML in a chart, never as markdown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from asn_analytics import charts, markup
from tests.conftest import HOSTILE_REGION

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
TIMEOUT = 180
BOLD = "<b>x</b>"
BOLD_SHOWN = "&lt;b&gt;x&lt;/b&gt;"  # plotly turns the entities back into "<b>x</b>", as text


def test_chart_text_is_escaped_for_plotly():
    assert markup.chart('<span style="font-size:60px">A & B</span>') == (
        '&lt;span style="font-size:60px"&gt;A &amp; B&lt;/span&gt;'
    )
    assert markup.chart(3) == 3


def test_bars_escape_categories_legend_hovers_and_titles():
    frame = pd.DataFrame(
        {"unit_name": [BOLD, "Dinas"], "region_name": ['<a href="http://x.test">r</a>', "R"],
         "n": [7, 9]}
    )  # fmt: skip
    shown = frame.rename(columns={"unit_name": "Unit", "region_name": "Wilayah", "n": "Jumlah"})
    fig = charts.bars(
        frame,
        shown,
        x="unit_name",
        y="n",
        color="region_name",
        title="<i>judul</i>",
        labels={"unit_name": "Unit <kerja>", "n": "Jumlah", "region_name": "Wilayah"},
        hover=["Unit", "Wilayah", "Jumlah"],
        category_orders={"unit_name": [BOLD, "Dinas"]},
    )
    first = fig.data[0]
    assert list(first.x) == [BOLD_SHOWN]
    assert first.name == '&lt;a href="http://x.test"&gt;r&lt;/a&gt;'
    assert first.customdata[0][0] == (
        f'Unit: {BOLD_SHOWN}<br>Wilayah: &lt;a href="http://x.test"&gt;r&lt;/a&gt;<br>Jumlah: 7'
    )
    assert fig.layout.title.text == "&lt;i&gt;judul&lt;/i&gt;"
    assert fig.layout.xaxis.title.text == "Unit &lt;kerja&gt;"
    assert list(fig.layout.xaxis.categoryarray) == [BOLD_SHOWN, "Dinas"]


def test_lines_heatmap_and_radar_escape_their_names():
    frame = pd.DataFrame({"year": [2024, 2025], "share": [0.1, 0.2], "region_name": [BOLD, BOLD]})
    fig = charts.lines(
        frame, frame, x="year", y="share", color="region_name", title="t", labels={},
        hover=["region_name"],
    )  # fmt: skip
    assert fig.data[0].name == BOLD_SHOWN
    assert fig.data[0].customdata[0][0] == f"region_name: {BOLD_SHOWN}"
    matrix = pd.DataFrame([[1.0]], index=[BOLD], columns=["<i>y</i>"])
    heat = charts.heatmap(matrix, matrix.map(str), title="t", x_title="a", y_title="b")
    assert (list(heat.data[0].x), list(heat.data[0].y)) == (["&lt;i&gt;y&lt;/i&gt;"], [BOLD_SHOWN])
    radar = charts.radar(
        pd.DataFrame({"indicator": [BOLD, "IKM"], "normalised": [0.5, 1.0],
                      "region_name": ["%{r} <b>R</b>"] * 2}),
        theta="indicator", r="normalised", color="region_name", title="t",
    )  # fmt: skip
    trace = radar.data[0]
    assert trace.name == "%{r} &lt;b&gt;R&lt;/b&gt;"
    assert list(trace.theta) == [BOLD_SHOWN, "IKM", BOLD_SHOWN]
    assert "<extra>%{fullData.name}</extra>" in trace.hovertemplate


def test_markdown_shows_every_mark_as_typed():
    name = "**tebal** _miring_ <b>x</b> [tautan](http://x.test) :red[merah] $x$ #1"
    assert markup.markdown(name) == (
        r"\*\*tebal\*\* \_miring\_ \<b\>x\<\/b\> \[tautan\]\(http\:\/\/x\.test\) "
        r"\:red\[merah\] \$x\$ \#1"
    )
    assert markup.markdown("baris satu\n- dua") == "baris satu  \n\\- dua"


def _figures(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def test_pages_draw_uploaded_names_as_text(hostile_db, tmp_path, monkeypatch):
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(hostile_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    monkeypatch.delenv("ASN_LANG", raising=False)
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.switch_page("app_pages/kompetensi.py").run()
    assert not app.exception, [e.message for e in app.exception]
    spec = json.dumps(_figures(app), ensure_ascii=False)
    # In the legends, the categories and the hovers of every chart.
    assert markup.chart(HOSTILE_REGION).replace('"', '\\"') in spec
    assert "<b>klik</b>" not in spec


def test_the_upload_page_shows_the_file_name_as_typed(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("ASN_DB", str(path))
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.switch_page("app_pages/unggah.py").run()
    name = "**pegawai** <b>x</b> [a](http://x.test).csv"
    app.file_uploader(key="upload_files").set_value([(name, b"", "text/csv")]).run()
    assert not app.exception, [e.message for e in app.exception]
    assert [h.value for h in app.subheader] == [markup.markdown(name)]
    assert all("**pegawai**" not in e.value for e in app.error)
