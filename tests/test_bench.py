"""The scale benchmark: the synthetic generator's rows, the page-call table, the printed report."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from asn_analytics import bench, db, metrics
from asn_analytics.bench import naive as naive_way
from asn_analytics.bench import pages as page_calls
from asn_analytics.metrics import pages, summaries
from asn_analytics.synthetic import scale
from asn_analytics.units import unit_id

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "tiny.duckdb"
    scale.generate(path, scale.SCALES["tiny"], log=lambda line: None)
    return path


@pytest.fixture
def tiny_con(tiny: Path):
    con = db.connect(tiny, read_only=True)
    yield con
    con.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchone()[0]


def test_the_tiny_scale_fills_every_table(tiny_con):
    counts = db.table_counts(tiny_con)
    assert counts["regions"] == 6  # the four seed regions and two generated ones
    assert counts["staff"] == 3000
    assert 2.5 < counts["units"] / counts["regions"] < 40  # 27 OPD and a few kecamatan each
    for table in ("appraisals", "trainings", "discipline", "complaints", "ikm_responses"):
        assert counts[table] > 100, table
    assert summaries.state(tiny_con) is not None  # the generator refreshes the summaries


def test_every_generated_nip_is_valid_and_agrees_with_the_row(tiny_con):
    assert _one(tiny_con, "SELECT count(*) FROM staff WHERE nip_error(nip) IS NOT NULL") == 0
    assert (
        _one(
            tiny_con,
            "SELECT count(*) FROM staff WHERE nip_type_warning(nip, employment_type) IS NOT NULL",
        )
        == 0
    )
    mismatches = _one(
        tiny_con,
        "SELECT count(*) FROM staff WHERE nip_birth_date(nip) <> birth_date"
        " OR nip_gender(nip) <> gender"
        " OR (employment_type = 'PNS' AND nip_tmt(nip) <> tmt_cpns)"
        " OR (employment_type = 'PPPK' AND nip_appointment_year(nip) <> year(tmt_cpns))",
    )
    assert mismatches == 0
    assert _one(tiny_con, "SELECT count(DISTINCT employment_type) FROM staff") == 2


def test_units_are_keyed_like_imports_and_staff_sit_in_their_region(tiny_con):
    units = tiny_con.execute("SELECT unit_id, region_code, name FROM units").fetchall()
    assert all(uid == unit_id(region, name) for uid, region, name in units)
    assert (
        _one(
            tiny_con,
            "SELECT count(*) FROM staff WHERE NOT starts_with(unit_id, region_code || ':')",
        )
        == 0
    )
    assert (
        _one(
            tiny_con, "SELECT count(*) FROM staff WHERE unit_id NOT IN (SELECT unit_id FROM units)"
        )
        == 0
    )


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("appraisals", "nip, year, period"),
        ("trainings", "nip, title, start_date"),
        ("discipline", "nip, decision_date, level"),
        ("complaints", "complaint_id"),
        ("ikm_responses", "response_id"),
    ],
)
def test_fact_table_keys_are_unique(tiny_con, table, key):
    rows = _one(tiny_con, f"SELECT count(*) FROM {table}")
    assert _one(tiny_con, f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table})") == rows


def test_facts_refer_to_staff_and_stay_within_the_data_years(tiny_con):
    for table in ("appraisals", "trainings", "discipline"):
        orphans = _one(
            tiny_con, f"SELECT count(*) FROM {table} WHERE nip NOT IN (SELECT nip FROM staff)"
        )
        assert orphans == 0, table
    latest, first_year = tiny_con.execute(
        "SELECT max(closed_at), min(received_at) FROM complaints"
    ).fetchone()
    assert latest.year == 2025 and first_year.year == 2021
    assert page_calls.frame_filters(tiny_con, None).model_dump(exclude_none=True) == {
        "year_from": 2021,
        "year_to": 2025,
    }


def test_generation_is_deterministic(tiny, tmp_path):
    again = tmp_path / "again.duckdb"
    scale.generate(again, scale.SCALES["tiny"], log=lambda line: None)
    fingerprint = "SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM {} AS t"
    first, second = db.connect(tiny, read_only=True), db.connect(again, read_only=True)
    try:
        for table in db.DATA_TABLES:
            query = fingerprint.format(table)
            assert first.execute(query).fetchone() == second.execute(query).fetchone(), table
    finally:
        first.close()
        second.close()


def test_region_plans_look_like_indonesia():
    national = scale.region_list(scale.SCALES["national"])
    assert len(national) == 540
    assert national["region_code"].is_unique and national["name"].is_unique
    assert (
        national["region_code"]
        .str.fullmatch(r"(1[1-9]|[2-9][0-9])(0[1-9]|[1-6][0-9]|7[1-9]|80)")
        .all()
    )
    kota = national["kind"].eq("kota")
    assert national.loc[kota, "name"].str.startswith("Kota ").all()
    assert national.loc[~kota, "name"].str.startswith("Kabupaten ").all()
    assert national.loc[kota, "region_code"].str[2:].astype(int).ge(71).all()
    medan = national[national["region_code"].eq("1275")].iloc[0]
    assert (medan["name"], medan["population"]) == ("Kota Medan", 2490000)
    province = scale.region_plan(scale.SCALES["province"])
    assert len(province) == 54 and province["n_staff"].sum() == 560_000
    assert set(province["province"]) == {"Sumatera Utara", "Sumatera Barat", "Jambi"}


def test_the_bench_times_what_the_pages_read():
    """The pages take their tables only through their declaration (metrics.pages), which the
    bench runs: each page reads every table it declares, in order, and no other."""
    assert page_calls.PAGES is pages.PAGES
    read = re.compile(r'page\["(\w+)"\]')
    for path in sorted((ROOT / "app_pages").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "blocks.metric(" not in source and "blocks.flagged(" not in source, path.name
        declared = tuple(r.metric for r in pages.PAGES.get(path.stem, ()))
        assert tuple(read.findall(source)) == declared, path.name


def test_a_page_runs_its_calls_with_the_frames_filters(tiny_con):
    timings = page_calls.run_page(tiny_con, "kinerja", None)
    assert list(timings) == [
        "frame",
        "predikat_distribution",
        "kuadran(last year)",
        "objectivity_units",
        "rating_vs_achievement",
        "objectivity_evaluators",
    ]
    assert all(ms > 0 for ms in timings.values())


def test_the_naive_way_computes_the_same_figures(tiny_con):
    tables = {name: tiny_con.execute(sql).df() for name, sql in naive_way.NAIVE_TABLES.items()}
    naive = naive_way.naive_page("perbandingan", tables, range(2021, 2026))["scorecard"]
    naive = naive.set_index("region_code").sort_index()
    card = metrics.run(tiny_con, "scorecard").set_index(["indicator", "region_code"])
    for indicator in ("headcount", "share_sb_b", "coverage_20jp", "ikm"):
        ours = card.loc[indicator, "value"].sort_index()
        assert naive[indicator].tolist() == pytest.approx(ours.tolist(), abs=0.006), indicator


def test_the_bench_prints_its_table(tiny, tmp_path, capsys):
    target = tmp_path / "run"
    target.mkdir()
    (target / "tiny.duckdb").write_bytes(tiny.read_bytes())
    status = bench.main(
        ["--scale", "tiny", "--dir", str(target), "--reuse", "--runs", "1", "--pages", "kinerja"]
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "page         scale    filter    cold ms  warm ms  peak MB" in out
    lines = [line for line in out.splitlines() if line.startswith("kinerja      tiny")]
    assert [line.split()[2] for line in lines] == ["all", "region"]
    for line in lines:
        cells = line.split()
        assert cells[-1] == "ok"
        assert all(re.fullmatch(r"[\d,.]+", c) for c in cells[3:11]), line
    assert "kinerja: predikat distribution, kuadran" in out
    assert re.search(r"bench took \d+\.\d s", out)


@pytest.mark.bench
def test_province_pages_meet_the_targets(tmp_path, capsys):
    """Province scale, every page: warm <= 1 s, cold <= 3 s, under 2 GB (minutes)."""
    assert bench.main(["--scale", "province", "--dir", str(tmp_path), "--no-naive"]) == 0
    assert "MISSED" not in capsys.readouterr().out
