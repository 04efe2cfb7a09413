"""End to end: `streamlit run` on its own database copy, driven in headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot'
TABLE = '[data-testid="stDataFrame"]'
# page -> (the element that shows it has drawn, a text it always shows)
PASSWORD = "rahasia-sekali-123"
PAGES = {
    "ringkasan": (CHART, "Metodologi"),
    "kinerja": (CHART, "Metodologi"),
    "kompetensi": (CHART, "Metodologi"),
    "pengaduan": (CHART, "Metodologi"),
    "perbandingan": (CHART, "Metodologi"),
    "karier": (CHART, "Metodologi"),
    "unggah": ('[data-testid="stFileUploader"]', "Jenis data"),
    "riwayat": (TABLE, "Kemutakhiran data per jenis dan wilayah"),
}


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    message = (
        "Chromium is not installed (Debian package 'chromium'); scripts/test.sh installs it when "
        "run as root. Browser tests skipped."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message.replace("skipped", "cannot be skipped under CI"))
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(copy: Path, extra_env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "ASN_DB": str(copy), **extra_env}
    log_path = copy.with_suffix(".log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log_path.read_text()) from None
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a free port, against a private copy of the demo database."""
    _require_browser()
    copy = tmp_path_factory.mktemp("e2e") / "asn.duckdb"
    shutil.copyfile(demo_db, copy)
    yield from _serve(copy, {})


@pytest.fixture(scope="module")
def server_with_accounts(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same, with one viewer account granted Tanjungbalai."""
    from asn_analytics.accounts import Accounts

    _require_browser()
    folder = tmp_path_factory.mktemp("e2e-accounts")
    copy = folder / "asn.duckdb"
    shutil.copyfile(demo_db, copy)
    Accounts(folder / "accounts.json").add("tb", "viewer", ["1272"], password=PASSWORD)
    yield from _serve(copy, {})


@pytest.fixture(scope="module")
def browser(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("page_name", PAGES)
def test_every_page_draws_its_charts_without_errors(server, browser, page_name):
    drawn, text = PAGES[page_name]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/{page_name}" if page_name != "ringkasan" else server)
        page.locator(drawn).first.wait_for(timeout=90_000)
        page.get_by_text(text).first.wait_for(timeout=30_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stAlertContentError"]').count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{page_name}.png"), full_page=True)
    finally:
        page.close()


def test_a_deep_link_opened_first_on_a_fresh_server_shows_its_page(demo_db, tmp_path, browser):
    """The first request a newly started server answers is a page's own address: it shows that
    page, with no "Page not found" notice (which Streamlit raises when it first runs an app that
    has a pages/ folder beside it, before the router has run). The browser is the module's one:
    a second Playwright in the same process refuses to start."""
    copy = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, copy)
    for url in _serve(copy, {}):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{url}/kinerja")
            page.get_by_role("heading", name="Kinerja").first.wait_for(timeout=90_000)
            page.locator(CHART).first.wait_for(timeout=90_000)
            assert page.get_by_text("Page not found").count() == 0
            assert page.url.endswith("/kinerja")
        finally:
            page.close()


def test_overview_shows_the_demo_headcount(server, browser, demo_con):
    active = demo_con.execute("SELECT count(*) FROM staff WHERE status = 'aktif'").fetchone()[0]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(server)
        page.get_by_text(f"{active:,}".replace(",", "."), exact=True).wait_for(timeout=90_000)
        page.get_by_text("Data demo (sintetis)", exact=False).wait_for(timeout=10_000)
    finally:
        page.close()


def test_an_upload_through_the_browser_lands_on_the_overview(server, browser, demo_con):
    active = demo_con.execute("SELECT count(*) FROM staff WHERE status = 'aktif'").fetchone()[0]
    csv = (
        "nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama\n"
        "'199001012015031001;Budi Santoso;Kota Medan;Dinas Sosial;PNS\n"
        "199202022016032001;Siti Aminah;Kota Medan;Dinas Sosial;PNS\n"
    ).encode("utf-8-sig")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/unggah")
        page.locator('input[type="file"]').set_input_files(
            files=[{"name": "pegawai.csv", "mimeType": "text/csv", "buffer": csv}]
        )
        page.get_by_text("Pratinjau baris seperti akan disimpan").wait_for(timeout=90_000)
        page.get_by_role("button", name="Impor", exact=True).click()
        page.get_by_text("2 baru", exact=False).wait_for(timeout=90_000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "unggah.png"), full_page=True)
        page.goto(server)
        page.get_by_text(f"{active + 2:,}".replace(",", "."), exact=True).wait_for(timeout=90_000)
    finally:
        page.close()


def test_bombs_uploaded_in_the_browser_are_refused_and_the_server_stays_up(
    server, browser, tmp_path
):
    from test_limits import _cell_gigabyte, _xfd_dimension

    bombs = [_xfd_dimension(tmp_path / "dimensi.xlsx"), _cell_gigabyte(tmp_path / "sel.xlsx")]
    tiles = '[data-testid="stMetricValue"]'
    uploader = browser.new_page(viewport={"width": 1400, "height": 1000})
    reader = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        reader.goto(server)  # another user, on the overview meanwhile
        reader.locator(tiles).first.wait_for(timeout=90_000)
        uploader.goto(f"{server}/unggah")
        uploader.locator('input[type="file"]').set_input_files(files=[str(b) for b in bombs])
        uploader.get_by_text("mencakup 16.384 kolom", exact=False).wait_for(timeout=90_000)
        uploader.get_by_text("mengembang", exact=False).wait_for(timeout=90_000)
        assert uploader.get_by_role("button", name="Impor", exact=True).count() == 0
        assert uploader.locator('[data-testid="stException"]').count() == 0
        # the other user's session still answers after the bombs: the page draws anew
        reader.reload()
        reader.locator(tiles).first.wait_for(timeout=90_000)
        assert reader.locator('[data-testid="stException"]').count() == 0
    finally:
        uploader.close()
        reader.close()


def test_a_long_read_shows_its_progress_and_can_be_cancelled(server, browser, tmp_path):
    # A Windows-1252 export is rewritten as UTF-8 row by row: seconds to watch, and to stop.
    row = "199001012015031001;Budi Santoso;Kota Medan;Dinas Sosial;PNS;Désa Merdeka\n"
    header = "nip_baru;nama;instansi_induk_nama;unor_nama;jenis_pegawai_nama;alamat\n"
    big = tmp_path / "besar.csv"
    big.write_bytes((header + row * 1_000_000).encode("cp1252"))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/unggah")
        page.locator('input[type="file"]').set_input_files(files=[str(big)])
        page.get_by_text("baris dibaca", exact=False).first.wait_for(timeout=90_000)
        page.get_by_role("button", name="Batalkan pembacaan").click()
        page.get_by_text("pembacaan dibatalkan", exact=False).wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Impor", exact=True).count() == 0
        assert page.get_by_text("Pratinjau baris seperti akan disimpan").count() == 0
        # read again on request: the progress shows, then the file's check
        page.get_by_role("button", name="Baca lagi").click()
        page.get_by_text("Pratinjau baris seperti akan disimpan").wait_for(timeout=180_000)
        assert page.get_by_role("button", name="Batalkan pembacaan").count() == 0
    finally:
        page.close()


def test_sign_in_and_out_in_the_browser(server_with_accounts, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(server_with_accounts)
        page.get_by_label("Nama akun").fill("tb")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.locator(CHART).first.wait_for(timeout=90_000)
        page.get_by_text("Kota Tanjungbalai").first.wait_for(state="attached", timeout=30_000)
        assert page.get_by_text("Kota Medan").count() == 0  # only the region granted
        assert page.get_by_text("Unggah Data").count() == 0  # a viewer has no data pages
        page.get_by_role("button", name="Keluar (tb)").click()
        page.get_by_label("Kata sandi").wait_for(timeout=30_000)
        # The form shows while the run is still going; Streamlit removes the signed-in page's
        # elements when that run ends, so wait for the chart to go rather than count at once.
        page.locator(CHART).first.wait_for(state="detached", timeout=30_000)
        assert page.locator(CHART).count() == 0
        assert page.get_by_text("Kota Tanjungbalai").count() == 0
    finally:
        page.close()


def test_a_sign_in_lasts_across_a_reload_and_keeps_the_page_and_filters(
    server_with_accounts, browser
):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        asked = "/kinerja?years=2023&years=2024&type=PNS"
        page.goto(server_with_accounts + asked)
        page.get_by_label("Nama akun").fill("tb")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.locator(CHART).first.wait_for(timeout=90_000)
        assert page.url == server_with_accounts + asked  # the page and filters of the link
        assert page.locator("h1").first.inner_text() == "Kinerja"
        cookie = next(c for c in context.cookies() if c["name"] == "asn_session")
        assert cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        page.reload()
        page.locator(CHART).first.wait_for(timeout=90_000)
        assert page.get_by_label("Kata sandi").count() == 0  # still signed in
        assert page.locator("h1").first.inner_text() == "Kinerja"
        page.get_by_role("button", name="Keluar (tb)").click()
        page.get_by_label("Kata sandi").wait_for(timeout=30_000)
        page.wait_for_function("!document.cookie.includes('asn_session=')", timeout=30_000)
        page.reload()
        page.get_by_label("Kata sandi").wait_for(timeout=30_000)  # signed out for good
    finally:
        context.close()
