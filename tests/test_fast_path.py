"""The summaries' fast path gives exactly the tables the raw SQL gives, on the demo database."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from asn_analytics import db, metrics
from asn_analytics.metrics import Filters, engine, summaries
from asn_analytics.metrics.satisfaction import pooled_ikm

MEDAN_DUKCAPIL = "1275:dinas kependudukan dan pencatatan sipil"
TANJUNG_PUPR = "1272:dinas pekerjaan umum dan penataan ruang"
# An OPD with a unit beneath it (its hospital): choosing it chooses both.
SAWAHLUNTO_DINKES = "1373:dinas kesehatan"

# Filter sets a page can produce (all, one or two regions, a year range, the last year, a type, a
# unit) and the edge cases (nothing chosen).
FILTERS = {
    "default": Filters(),
    "page": Filters(year_from=2021, year_to=2025),
    "one region": Filters(regions=("1373",)),
    "two regions, 2023-2024": Filters(regions=("1275", "1504"), year_from=2023, year_to=2024),
    "last year": Filters(year_from=2025, year_to=2025),
    "PNS": Filters(employment_types=("PNS",)),
    "PPPK, 2024": Filters(employment_types=("PPPK",), year_from=2024),
    "both types": Filters(employment_types=("PPPK", "PNS")),
    "a unit": Filters(units=(MEDAN_DUKCAPIL,)),
    "two units, PNS": Filters(units=(MEDAN_DUKCAPIL, TANJUNG_PUPR), employment_types=("PNS",)),
    "an OPD": Filters(units=(SAWAHLUNTO_DINKES,)),
    "no region": Filters(regions=()),
    "no type": Filters(employment_types=()),
}
# The composed indicators call the others: fewer filter sets keep the run short.
COMPOSED = {"scorecard", "overview", "alerts"}
COMPOSED_FILTERS = ("default", "one region", "PPPK, 2024", "a unit")
# Indicators that never use the summaries (not on a dashboard page; fast enough raw).
RAW_ONLY = {"age_profile", "retirements"}


@pytest.fixture
def raw(monkeypatch: pytest.MonkeyPatch):
    """Run a function with the summaries switched off, as on a database without them."""

    def run(function, *args):
        with monkeypatch.context() as patch:
            patch.setattr(summaries, "state", lambda con: None)
            return function(*args)

    return run


def _same(fast: pd.DataFrame, slow: pd.DataFrame) -> None:
    # Float sums run in parallel can differ in the last digits between runs.
    pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-9, atol=1e-12)


def test_the_demo_summaries_are_fresh(demo_con):
    state = summaries.state(demo_con)
    assert state == summaries.State(dt.date(2025, 12, 31), 2021, 2025, True)
    assert metrics.filters.event_range(demo_con) == metrics.filters.event_range_raw(demo_con)


CASES = [
    (name, label)
    for name in sorted(metrics.REGISTRY)
    for label in FILTERS
    if name not in COMPOSED or label in COMPOSED_FILTERS
]


@pytest.mark.parametrize(("name", "label"), CASES)
def test_every_indicator_is_the_same_through_the_summaries(demo_con, raw, name, label):
    filters = FILTERS[label]
    fast = metrics.run(demo_con, name, filters)
    slow = raw(metrics.run, demo_con, name, filters)
    _same(fast, slow)


def test_the_pages_filters_take_the_fast_path(demo_con, monkeypatch):
    """With the page's filters (and one region), every page indicator reads the summaries."""
    answered: dict[str, list[bool]] = {}
    covers = summaries.covers

    def spy(con, scope, **kwargs):
        result = covers(con, scope, **kwargs)
        answered.setdefault(current, []).append(result)
        return result

    monkeypatch.setattr(summaries, "covers", spy)
    for current in sorted(set(metrics.REGISTRY) - RAW_ONLY):
        for filters in (FILTERS["page"], FILTERS["one region"], FILTERS["last year"]):
            metrics.run(demo_con, current, filters)
    assert set(answered) == set(metrics.REGISTRY) - RAW_ONLY
    assert {name: all(results) for name, results in answered.items()} == {
        name: True for name in answered
    }


def test_a_unit_filter_reads_the_unit_summaries_and_falls_back_elsewhere(demo_con, monkeypatch):
    used: dict[tuple[str, int], bool] = {}
    covers = summaries.covers

    def spy(con, scope, **kwargs):
        used[(name, len(scope.units))] = covers(con, scope, **kwargs)
        return used[(name, len(scope.units))]

    monkeypatch.setattr(summaries, "covers", spy)
    names = ("objectivity_units", "coverage_20jp", "ikm_units", "ip_asn", "training_targeting")
    for name in (*names, "headcount", "jp_summary"):
        for label in ("a unit", "two units, PNS"):
            metrics.run(demo_con, name, FILTERS[label])
    # Per-unit figures are summed per unit; IP ASN and targeting have rows per single unit (the
    # sidebar's choice); medians and the headcount breakdown are computed from the raw tables.
    assert used == {
        **{(name, 1): True for name in names},
        **{(name, 2): True for name in names[:3]},
        ("ip_asn", 2): False,
        ("training_targeting", 2): False,
        ("headcount", 1): False,
        ("headcount", 2): False,
        ("jp_summary", 1): False,
        ("jp_summary", 2): False,
    }


def test_another_reference_date_computes_from_the_raw_tables(demo_con, raw):
    filters = Filters(as_of=dt.date(2025, 6, 30), year_from=2024, year_to=2025)
    scope = metrics.resolve(demo_con, filters)
    assert not summaries.covers(demo_con, scope)
    for name in ("complaint_backlog", "complaint_sla", "headcount"):
        _same(metrics.run(demo_con, name, filters), raw(metrics.run, demo_con, name, filters))


def test_years_outside_the_data_compute_from_the_raw_tables(demo_con):
    scope = metrics.resolve(demo_con, Filters(year_from=2019, year_to=2025))
    assert not summaries.covers(demo_con, scope)
    heads = metrics.run(demo_con, "headcount", Filters(year_from=2019, year_to=2025))
    # Staff appointed before 2019 are in service in 2019: raw SQL, not the summaries.
    assert heads["year"].min() == 2019


def test_an_indicator_reads_the_summaries_state_once(demo_con, monkeypatch):
    """The overview assembles a dozen indicators; freshness is checked once for all of them."""
    reads: list[int] = []
    read = summaries._read_state

    def counting(con):
        reads.append(1)
        return read(con)

    monkeypatch.setattr(summaries, "_read_state", counting)
    metrics.run(demo_con, "overview", Filters())
    assert len(reads) == 1
    metrics.run(demo_con, "headcount", Filters())
    metrics.run(demo_con, "headcount", Filters())
    assert len(reads) == 3  # each call outside an indicator reads again


@pytest.mark.parametrize("year", [2021, 2024, 2025])
@pytest.mark.parametrize("label", ["default", "one region", "PNS", "a unit", "no region"])
def test_the_pooled_ikm_is_the_same(demo_con, raw, label, year):
    filters = FILTERS[label]
    assert pooled_ikm(demo_con, filters, year) == raw(pooled_ikm, demo_con, filters, year)


def test_the_evaluator_rows_keep_the_indicators_order(demo_con, raw):
    """sum_evaluators is read without ORDER BY: its stored order is the indicator's."""
    fast = metrics.run(demo_con, "objectivity_evaluators", Filters())
    keys = ["region_code", "year", "unit_id", "evaluator_nip"]
    assert fast[keys].equals(fast.sort_values(keys)[keys].reset_index(drop=True))
    lenient = fast[fast["flagged"] & fast["unit_id"].eq(MEDAN_DUKCAPIL)]
    assert lenient["year"].tolist() == [2024]  # the demo's planted lenient evaluator


def test_arrow_frames_are_the_frames_duckdb_gives():
    con = duckdb.connect()
    queries = [
        "SELECT 'x' AS s, 1::INT AS i, true AS b, 1.5::DOUBLE AS d, 2::BIGINT AS g WHERE false",
        "SELECT * FROM (VALUES ('x', 1::INT, true, 1.5::DOUBLE, 3::BIGINT),"
        " (NULL, NULL, NULL, NULL, NULL)) AS t(s, i, b, d, g)",
        "SELECT NULL::VARCHAR AS s, NULL::INT AS i, NULL::BOOLEAN AS b, NULL::DOUBLE AS d",
        "SELECT range::VARCHAR AS s, range AS g, range % 2 = 0 AS b FROM range(5)",
    ]
    for sql in queries:
        frame = engine.arrow_frame(con.execute(sql).to_arrow_table())
        pd.testing.assert_frame_equal(frame, con.execute(sql).df())
    # A type it does not map (here a date) is left to .df().
    assert engine.arrow_frame(con.execute("SELECT DATE '2025-01-01' AS d").to_arrow_table()) is None


@pytest.fixture
def writable(demo_db, tmp_path):
    path = tmp_path / "fast.duckdb"
    shutil.copyfile(demo_db, path)
    con = db.connect(path)
    yield con
    con.close()


def test_a_write_makes_the_summaries_stale_until_refreshed(writable, raw):
    con = writable
    before = metrics.run(con, "complaints_monthly", Filters(regions=("1373",)))
    con.execute(
        "INSERT INTO complaints (complaint_id, region_code, received_at, status)"
        " VALUES ('TEST-1', '1373', TIMESTAMP '2025-06-10 09:00:00', 'baru')"
    )
    assert summaries.state(con) is None  # the row count changed
    after = metrics.run(con, "complaints_monthly", Filters(regions=("1373",)))
    june = after["month"].eq(pd.Timestamp(2025, 6, 1))
    assert after.loc[june, "n"].item() == before.loc[june, "n"].item() + 1
    labels: list[str] = []
    summaries.refresh(con, ["complaints"], log=labels.append)
    rebuilt = {line.split()[0] for line in labels}
    assert rebuilt == {
        "sum_complaint_months",
        "sum_complaint_mix",
        "sum_complaint_backlog",
        "sum_complaint_sla",
    }
    assert summaries.state(con) is not None
    _same(metrics.run(con, "complaints_monthly", Filters(regions=("1373",))), after)
    for name in ("complaint_backlog", "complaint_sla", "complaints_mix", "scorecard"):
        _same(metrics.run(con, name, Filters()), raw(metrics.run, con, name, Filters()))


def test_an_import_advancing_the_data_version_makes_them_stale(writable):
    con = writable
    con.execute(
        "UPDATE staff SET unit_id = ? WHERE nip = (SELECT min(nip) FROM staff)", [MEDAN_DUKCAPIL]
    )
    assert summaries.state(con) is not None  # an update keeps the row counts
    db.set_meta(con, "data_version", "1")  # ... which is why every import advances the version
    assert summaries.state(con) is None
    summaries.refresh(con, ["staff"])
    assert summaries.state(con) is not None


def test_two_writes_without_a_refresh_rebuild_everything(writable):
    con = writable
    db.set_meta(con, "data_version", "2")
    labels: list[str] = []
    summaries.refresh(con, ["complaints"], log=labels.append)
    assert {line.split()[0] for line in labels} >= set(summaries.tables())


def test_an_empty_database_has_no_summaries():
    con = db.connect(":memory:")
    assert summaries.refresh(con) is None
    assert summaries.state(con) is None
    assert metrics.run(con, "headcount", Filters()).empty


def test_ensure_refreshes_stale_summaries(writable):
    con = writable
    con.execute("DELETE FROM summary_state")
    assert summaries.state(con) is None
    assert summaries.ensure(con)
    assert summaries.state(con) is not None


def test_a_unit_with_staff_of_another_region_keeps_evaluators_exact(writable, raw):
    con = writable
    # One Sawahlunto staff member recorded in a Medan unit: the unit's z-scores then span two
    # regions, and a region filter must compute them from the raw tables.
    con.execute(
        "UPDATE staff SET unit_id = ? WHERE nip = (SELECT min(nip) FROM staff"
        " WHERE region_code = '1373')",
        [MEDAN_DUKCAPIL],
    )
    db.set_meta(con, "data_version", "1")
    summaries.refresh(con, ["staff"])
    assert summaries.state(con).units_consistent is False
    for filters in (Filters(), Filters(regions=("1275",)), Filters(regions=("1373",))):
        fast = metrics.run(con, "objectivity_evaluators", filters)
        _same(fast, raw(metrics.run, con, "objectivity_evaluators", filters))
    scope = metrics.resolve(con, Filters(regions=("1275",)))
    assert not summaries.covers(con, scope, by_unit=True, by_region=False)
    assert summaries.covers(con, scope, by_unit=True)


def test_ensure_leaves_a_read_only_database_alone(demo_db, tmp_path):
    path = tmp_path / "stale.duckdb"
    shutil.copyfile(demo_db, path)
    con = db.connect(path)
    con.execute("DELETE FROM summary_state")
    con.close()
    con = db.connect(path, read_only=True)
    try:
        assert not summaries.ensure(con)
        assert summaries.state(con) is None
    finally:
        con.close()


def test_a_failed_refresh_changes_nothing_and_reports_its_own_error(writable, monkeypatch):
    con = writable
    before = con.execute("SELECT * FROM summary_state").fetchall()
    sources = dict(summaries._sources())
    real = sources["sum_ip_asn"]
    sources["sum_ip_asn"] = f"SELECT * FROM ({real}) WHERE error('out of memory, say') IS NULL"
    monkeypatch.setattr(summaries, "_sources", lambda: sources)
    monkeypatch.setattr(summaries, "_code_hash", lambda: "changed")
    with pytest.raises(duckdb.Error, match="out of memory, say"):
        summaries.refresh(con)
    assert con.execute("SELECT * FROM summary_state").fetchall() == before
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()
    assert tables == []


def _contents(con) -> dict[str, pd.DataFrame]:
    """Every summary table's rows, in a fixed order."""
    return {
        name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").df() for name in summaries.tables()
    }


def _same_as_a_full_rebuild(con) -> None:
    scoped = _contents(con)
    order = con.execute("SELECT * FROM sum_evaluators").df()
    summaries.refresh(con)
    full = _contents(con)
    for name in summaries.tables():
        _same(scoped[name], full[name])
    # sum_evaluators is read in its stored order: the scoped rebuild kept it.
    _same(order, con.execute("SELECT * FROM sum_evaluators").df())


def _rebuilt(labels: list[str]) -> dict[str, str]:
    """Summary -> 'all' or the number of regions its rows were rebuilt for."""
    out = {}
    for line in labels:
        name, _, rest = line.strip().partition(" ")
        out[name] = rest.split()[0].strip("(") if rest.strip().startswith("(") else "all"
    return out


def test_a_write_to_some_regions_rebuilds_only_their_rows(writable):
    con = writable
    # Sawahlunto staff change golongan, and one of them moves to a Batanghari unit.
    con.execute(
        "UPDATE staff SET golongan = 'III/d' WHERE region_code = '1373' AND golongan = 'III/c'"
    )
    moved = con.execute("SELECT min(nip) FROM staff WHERE region_code = '1373'").fetchone()[0]
    unit = con.execute("SELECT min(unit_id) FROM units WHERE region_code = '1504'").fetchone()[0]
    con.execute("UPDATE staff SET region_code = '1504', unit_id = ? WHERE nip = ?", [unit, moved])
    db.set_meta(con, "data_version", "1")
    labels: list[str] = []
    summaries.refresh(con, ["staff"], log=labels.append, regions={"1373", "1504"})
    rebuilt = _rebuilt(labels)
    # Everything computed from staff, for the two regions only; complaints and IKM untouched.
    assert set(rebuilt) == {"summary_staff_jp"} | {
        name
        for name, needs in ((n, s.reads) for n, s in summaries.DECLARED.items())
        if "staff" in needs
    }
    assert set(rebuilt.values()) == {"2"}
    assert summaries.state(con) is not None
    _same_as_a_full_rebuild(con)


def test_an_appraisal_write_to_one_region_keeps_the_evaluator_order(writable, raw):
    con = writable
    con.execute(
        "UPDATE appraisals SET result_rating = 'di_atas', behavior_rating = 'di_atas',"
        " predikat = 'sangat_baik'"
        " WHERE year = 2024 AND nip IN (SELECT nip FROM staff WHERE region_code = '1272')"
        " AND nip LIKE '%3'"
    )
    db.set_meta(con, "data_version", "1")
    labels: list[str] = []
    summaries.refresh(con, ["appraisals"], log=labels.append, regions={"1272"})
    assert set(_rebuilt(labels).values()) == {"1"}
    fast = metrics.run(con, "objectivity_evaluators", Filters())
    _same(fast, raw(metrics.run, con, "objectivity_evaluators", Filters()))
    _same_as_a_full_rebuild(con)


def test_a_later_event_rebuilds_the_reference_date_summaries_everywhere(writable):
    con = writable
    con.execute(
        "INSERT INTO complaints (complaint_id, region_code, received_at, status)"
        " VALUES ('LATE-1', '1373', TIMESTAMP '2026-01-05 09:00:00', 'baru')"
    )
    db.set_meta(con, "data_version", "1")
    labels: list[str] = []
    summaries.refresh(con, ["complaints"], log=labels.append, regions={"1373"})
    rebuilt = _rebuilt(labels)
    # A new year: every summary everywhere (the years and the reference date moved).
    assert set(rebuilt) >= set(summaries.tables())
    assert set(rebuilt.values()) == {"all"}
    assert summaries.state(con).as_of == dt.date(2026, 1, 5)


def test_a_unit_spanning_regions_rebuilds_everywhere(writable):
    con = writable
    con.execute(
        "UPDATE staff SET unit_id = ? WHERE nip = (SELECT min(nip) FROM staff"
        " WHERE region_code = '1373')",
        [MEDAN_DUKCAPIL],
    )
    db.set_meta(con, "data_version", "1")
    labels: list[str] = []
    summaries.refresh(con, ["staff"], log=labels.append, regions={"1373"})
    assert set(_rebuilt(labels).values()) == {"all"}
    _same_as_a_full_rebuild(con)


def test_an_import_and_its_undo_refresh_only_the_regions_they_touch(writable, monkeypatch):
    from asn_analytics import ingest

    con = writable
    asked: list[set[str] | None] = []
    refresh = summaries.refresh

    def spy(con, datasets=None, log=None, regions=None):
        asked.append(None if regions is None else set(regions))
        return refresh(con, datasets, log, regions)

    monkeypatch.setattr(summaries, "refresh", spy)
    sample = Path(__file__).parent.parent / "data" / "samples" / "staff_siasn.csv"
    header, *lines = sample.read_text(encoding="utf-8").splitlines()
    sawahlunto = [line for line in lines if "Sawahlunto" in line]
    report = ingest.import_file(
        con, "\n".join([header, *sawahlunto]).encode(), "pegawai_sawahlunto.csv", "staff"
    )
    assert report.inserted == len(sawahlunto) > 0
    regions = {"1373"}
    assert asked == [regions]
    assert summaries.state(con) is not None
    _same_as_a_full_rebuild(con)
    ingest.undo(con, "staff")
    assert asked[-1] == regions
    _same_as_a_full_rebuild(con)


def test_a_failed_scoped_refresh_leaves_no_shadow_views(writable, monkeypatch):
    con = writable
    trainings = con.execute("SELECT count(*) FROM trainings").fetchone()[0]
    con.execute("UPDATE staff SET golongan = 'III/d' WHERE region_code = '1373'")
    db.set_meta(con, "data_version", "1")
    sources = dict(summaries._sources())
    real = sources["sum_ip_asn"]
    sources["sum_ip_asn"] = f"SELECT * FROM ({real}) WHERE error('out of memory, say') IS NULL"
    monkeypatch.setattr(summaries, "_sources", lambda: sources)
    with pytest.raises(duckdb.Error, match="out of memory, say"):
        summaries.refresh(con, ["staff"], regions={"1373"})
    assert con.execute("SELECT count(*) FROM trainings").fetchone()[0] == trainings
    temporary = (
        con.execute(
            "SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal"
        ).fetchone()[0]
        + con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()[0]
    )
    assert temporary == 0
    assert summaries.state(con) is None  # stale, not half-written


def test_a_whole_rebuild_in_region_groups_gives_the_same_tables(writable, monkeypatch):
    con = writable
    whole = _contents(con)
    order = con.execute("SELECT * FROM sum_evaluators").df()
    # The demo's staff: Tanjungbalai 4,225, Medan 15,926, Sawahlunto 2,675, Batanghari 6,850.
    monkeypatch.setattr(summaries, "_group_staff", lambda con: 10_000)
    assert summaries._region_groups(con) == [["1272"], ["1275"], ["1373", "1504"]]
    labels: list[str] = []
    summaries.refresh(con, log=labels.append)
    per_group = [line.split("(")[-1].split()[0] for line in labels if "sum_headcount" in line]
    assert per_group == ["1", "1", "2"]
    grouped = _contents(con)
    for name in summaries.tables():
        _same(grouped[name], whole[name])
    _same(con.execute("SELECT * FROM sum_evaluators").df(), order)


def test_the_region_groups_follow_the_memory_limit(writable):
    con = writable
    # 1,000,000 staff per GB of DuckDB memory: the demo's 29,676 staff are one group under 1 GB.
    con.execute("SET memory_limit = '1GB'")
    assert summaries._group_staff(con) == 931_250  # 953.6 MiB = 0.93125 GiB
    assert summaries._region_groups(con) == [["1272", "1275", "1373", "1504"]]
    con.execute("SET memory_limit = '12GB'")
    assert summaries._group_staff(con) == 11_100_000


def test_a_write_touching_no_region_rebuilds_nothing(writable):
    con = writable
    db.set_meta(con, "data_version", "1")  # an import of a file identical to the data
    labels: list[str] = []
    assert summaries.refresh(con, ["staff"], log=labels.append, regions=set()) is not None
    assert labels == []
    assert summaries.state(con) is not None


def test_a_write_outside_the_pipeline_before_an_import_rebuilds_everything(writable):
    con = writable
    # 50 complaints for Tanjungbalai written directly: the summaries are stale from here on ...
    con.execute(
        "INSERT INTO complaints (complaint_id, region_code, received_at, status)"
        " SELECT 'DIRECT-' || range, '1272', TIMESTAMP '2025-03-10 09:00:00', 'baru'"
        " FROM range(50)"
    )
    # ... and a staff import into Sawahlunto follows.
    con.execute("UPDATE staff SET golongan = 'III/d' WHERE region_code = '1373'")
    db.set_meta(con, "data_version", "1")
    labels: list[str] = []
    summaries.refresh(con, ["staff"], log=labels.append, regions={"1373"})
    assert set(_rebuilt(labels).values()) == {"all"}
    assert set(_rebuilt(labels)) >= set(summaries.tables())
    _same_as_a_full_rebuild(con)


def test_summaries_built_before_a_data_table_was_added_are_rebuilt_whole(writable):
    con = writable
    fingerprint = con.execute("SELECT fingerprint FROM summary_state").fetchone()[0]
    # The state as a database built with one data table fewer wrote it.
    con.execute("UPDATE summary_state SET fingerprint = ?", [fingerprint.rsplit(",", 1)[0]])
    assert summaries.state(con) is None
    from asn_analytics import ingest

    sample = Path(__file__).parent.parent / "data" / "samples" / "staff_siasn.csv"
    header, *lines = sample.read_text(encoding="utf-8").splitlines()
    sawahlunto = [line for line in lines if "Sawahlunto" in line]
    report = ingest.import_file(con, "\n".join([header, *sawahlunto]).encode(), "s.csv", "staff")
    assert report.inserted == len(sawahlunto) > 0
    assert summaries.state(con) is not None
    _same_as_a_full_rebuild(con)
