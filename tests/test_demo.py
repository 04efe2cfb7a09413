"""The demo database: sizes, determinism, valid NIPs, and the planted patterns in the raw tables."""

from __future__ import annotations

import pytest

from asn_analytics import db
from asn_analytics.synthetic import demo

TABLES = db.DATA_TABLES


def _fingerprint(con) -> dict[str, tuple[int, int]]:
    """Row count and an order-independent hash of every row of every data table."""
    return {
        name: con.execute(
            f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM {name} AS t"
        ).fetchone()
        for name in TABLES
    }


def test_demo_is_deterministic(demo_con, tmp_path):
    again = tmp_path / "again.duckdb"
    demo.build(again)
    con = db.connect(again, read_only=True)
    try:
        assert _fingerprint(con) == _fingerprint(demo_con)
    finally:
        con.close()
    other = demo.generate(seed=7)["staff"]
    assert set(other["nip"]) != set(demo_con.execute("SELECT nip FROM staff").df()["nip"])


def test_demo_is_marked_as_synthetic(demo_con):
    assert db.is_demo(demo_con)


@pytest.mark.parametrize(
    ("region", "total", "pns", "pppk"),
    [
        ("1275", 14351, 9726, 4625),
        ("1272", 3800, None, None),
        ("1373", 2400, None, None),
        ("1504", 6200, None, None),
    ],
)
def test_active_staff_sizes_match_the_regions(demo_con, region, total, pns, pppk):
    counts = dict(
        demo_con.execute(
            "SELECT employment_type, count(*) FROM staff WHERE region_code = ? AND status = 'aktif'"
            " GROUP BY ALL",
            [region],
        ).fetchall()
    )
    assert abs(counts["PNS"] + counts["PPPK"] - total) <= total * 0.01
    if pns is not None:
        assert (counts["PNS"], counts["PPPK"]) == (pns, pppk)
    assert 0.5 < counts["PNS"] / (counts["PNS"] + counts["PPPK"]) < 0.8


def test_every_nip_is_valid_and_agrees_with_the_staff_row(demo_con):
    broken = demo_con.execute(
        """SELECT count(*) FILTER (nip_error(nip) IS NOT NULL),
                  count(*) FILTER (nip_type_warning(nip, employment_type) IS NOT NULL),
                  count(*) FILTER (nip_birth_date(nip) <> birth_date OR nip_gender(nip) <> gender),
                  count(*) FILTER (employment_type = 'PNS' AND nip_tmt(nip) <> tmt_cpns),
                  count(*) FILTER (employment_type = 'PPPK'
                                   AND nip_appointment_year(nip) <> year(tmt_cpns))
           FROM staff"""
    ).fetchone()
    assert broken == (0, 0, 0, 0, 0)


def test_years_covered(demo_con):
    years = demo_con.execute(
        """SELECT (SELECT list(DISTINCT year ORDER BY year) FROM appraisals),
                  (SELECT list(DISTINCT year(start_date) ORDER BY year(start_date)) FROM trainings),
                  (SELECT min(received_at)::DATE || ' ' || max(received_at)::DATE FROM complaints),
                  (SELECT list(DISTINCT year(survey_date) ORDER BY year(survey_date))
                   FROM ikm_responses)"""
    ).fetchone()
    assert years[0] == [2022, 2023, 2024, 2025]
    assert years[1] == [2021, 2022, 2023, 2024, 2025]
    assert years[2].startswith("2021-01") and years[2].endswith("2025-12-31")
    assert years[3] == [2021, 2022, 2023, 2024, 2025]


def test_active_staff_are_below_their_retirement_age(demo_con):
    # BUP 58 by default, 60 for JPT, ahli madya and guru, 65 for ahli utama (at 31 Dec 2025).
    too_old = demo_con.execute(
        """SELECT count(*) FROM staff WHERE status = 'aktif' AND employment_type = 'PNS'
           AND date_diff('year', birth_date, DATE '2025-12-31') >= CASE
               WHEN position_level = 'ahli_utama' THEN 65
               WHEN position_level IN ('jpt_pratama', 'ahli_madya')
                    OR position_name ILIKE 'guru%' THEN 60
               ELSE 58 END"""
    ).fetchone()[0]
    assert too_old == 0


def test_sawahlunto_coverage_climbs_from_about_35_to_about_80_percent(demo_con):
    coverage = demo_con.execute(
        """WITH s AS (
               SELECT s.nip, y.range AS year FROM staff s, range(2021, 2026) y
               WHERE s.region_code = '1373' AND s.employment_type = 'PNS'
                 AND s.tmt_cpns <= make_date(y.range, 12, 31)
                 AND (s.status = 'aktif' OR s.status_date > make_date(y.range, 12, 31))),
           jp AS (SELECT nip, year(start_date) AS year, sum(hours_jp) AS jp FROM trainings
                  GROUP BY ALL)
           SELECT s.year, avg(CASE WHEN coalesce(jp.jp, 0) >= 20 THEN 1.0 ELSE 0 END)
           FROM s LEFT JOIN jp USING (nip, year) GROUP BY s.year ORDER BY s.year"""
    ).fetchall()
    shares = [share for _, share in coverage]
    assert all(a < b for a, b in zip(shares, shares[1:], strict=False))
    assert 0.30 <= shares[0] <= 0.40
    assert 0.75 <= shares[-1] <= 0.85


def test_tanjungbalai_pupr_rates_most_staff_sangat_baik_below_95_percent_achievement(demo_con):
    rows = demo_con.execute(
        """SELECT a.year, avg((a.predikat = 'sangat_baik')::INT), median(a.achievement_pct)
           FROM appraisals a JOIN staff s USING (nip)
           WHERE s.unit_id = '1272:dinas pekerjaan umum dan penataan ruang' AND a.year >= 2024
           GROUP BY a.year ORDER BY a.year"""
    ).fetchall()
    assert [r[0] for r in rows] == [2024, 2025]
    for _, share_sb, median_achievement in rows:
        assert 0.85 <= share_sb <= 0.95
        assert median_achievement < 95


def test_medan_dukcapil_has_one_evaluator_rating_all_ratees_sangat_baik_in_2024(demo_con):
    rows = demo_con.execute(
        """SELECT a.evaluator_nip, count(*) AS n, avg((a.predikat = 'sangat_baik')::INT) AS sb
           FROM appraisals a JOIN staff s USING (nip)
           WHERE s.unit_id = '1275:dinas kependudukan dan pencatatan sipil' AND a.year = 2024
             AND a.evaluator_nip IS NOT NULL
           GROUP BY ALL HAVING n >= 5 ORDER BY sb DESC"""
    ).fetchall()
    lenient, n, share = rows[0]
    assert share == 1.0 and 10 <= n <= 14
    others_baik = demo_con.execute(
        """SELECT avg((a.predikat = 'baik')::INT) FROM appraisals a JOIN staff s USING (nip)
           WHERE s.unit_id = '1275:dinas kependudukan dan pencatatan sipil' AND a.year = 2024
             AND a.evaluator_nip IS DISTINCT FROM ?""",
        [lenient],
    ).fetchone()[0]
    assert others_baik >= 0.75
    assert all(sb < 0.6 for _, _, sb in rows[1:])


def test_medan_complaints_at_least_double_after_the_new_channel_opens(demo_con):
    before = demo_con.execute(
        """SELECT count(*) / 12.0 FROM complaints
           WHERE region_code = '1275' AND year(received_at) = 2023"""
    ).fetchone()[0]
    after = demo_con.execute(
        """SELECT date_trunc('month', received_at) AS m, count(*) FROM complaints
           WHERE region_code = '1275' AND received_at >= TIMESTAMP '2024-03-01'
           GROUP BY m ORDER BY m"""
    ).fetchall()
    assert len(after) == 22  # March 2024 .. December 2025
    assert all(n >= 2 * before for _, n in after)
    first = demo_con.execute(
        "SELECT min(received_at) FROM complaints WHERE channel = 'Medan Rumah Kita'"
    ).fetchone()[0]
    assert (first.year, first.month) == (2024, 3)


def _raw_ikm(con, region: str, year: int) -> float:
    # IKM = sum over the nine elements of (mean answer) / 9 * 25; avg() skips blanks.
    return con.execute(
        """SELECT 25 * (avg(u_persyaratan) + avg(u_prosedur) + avg(u_waktu) + avg(u_biaya)
                        + avg(u_produk) + avg(u_kompetensi) + avg(u_perilaku) + avg(u_pengaduan)
                        + avg(u_sarana)) / 9
           FROM ikm_responses WHERE region_code = ? AND year(survey_date) = ?""",
        [region, year],
    ).fetchone()[0]


def test_ikm_batanghari_rises_from_c_to_b_and_tanjungbalai_falls_from_b_to_c(demo_con):
    assert 65.00 <= _raw_ikm(demo_con, "1504", 2021) <= 76.60
    assert 76.61 <= _raw_ikm(demo_con, "1504", 2025) <= 88.30
    assert 76.61 <= _raw_ikm(demo_con, "1272", 2021) <= 88.30
    assert 65.00 <= _raw_ikm(demo_con, "1272", 2025) <= 76.60


def test_promotions_follow_the_predikat_in_medan_and_ignore_it_in_tanjungbalai(demo_con):
    # Promotions of 2024-2025 of the PNS eligible by time: the share promoted when the predikat
    # of the two years before met the rule's Baik, and when it did not.
    rows = demo_con.execute(
        """WITH due AS (
               SELECT s.region_code, r.nip, r.tmt_golongan,
                      EXISTS (SELECT 1 FROM appraisals AS a
                              WHERE a.nip = r.nip AND a.period = 'tahunan'
                                AND a.year IN (year(r.tmt_golongan) - 2,
                                               year(r.tmt_golongan) - 1)
                                AND a.predikat IN ('butuh_perbaikan', 'kurang', 'sangat_kurang'))
                          AS weak
               FROM rank_history AS r JOIN staff AS s USING (nip)
               WHERE r.promotion_kind = 'reguler' AND year(r.tmt_golongan) IN (2024, 2025))
           SELECT region_code, count(*) FILTER (WHERE NOT weak), count(*) FILTER (WHERE weak)
           FROM due GROUP BY ALL ORDER BY ALL"""
    ).fetchall()
    promoted = {region: (good, weak) for region, good, weak in rows}
    assert set(promoted) == {"1272", "1275", "1373", "1504"}
    assert promoted["1275"][1] == 0 < promoted["1275"][0]
    for region in ("1373", "1504"):  # half of the weak ones wait at each period
        assert 0 < promoted[region][1] < 0.3 * promoted[region][0]
    assert promoted["1272"][1] > 0.15 * promoted["1272"][0]


def test_one_tanjungbalai_opd_has_promoted_no_one_since_2020(demo_con):
    pupr = "1272:dinas pekerjaan umum dan penataan ruang"
    latest = demo_con.execute(
        """SELECT max(r.tmt_golongan) FROM rank_history AS r JOIN staff AS s USING (nip)
           WHERE s.unit_id = ? AND r.promotion_kind = 'reguler'""",
        [pupr],
    ).fetchone()[0]
    assert latest.year < 2020


def test_medan_awards_only_the_well_rated_and_batanghari_anyone_rated(demo_con):
    rows = demo_con.execute(
        """SELECT s.region_code,
                  count(*) FILTER (WHERE a.predikat IN ('sangat_baik', 'baik')) / count(*)
           FROM rewards AS w JOIN staff AS s USING (nip)
           JOIN appraisals AS a ON a.nip = w.nip AND a.year = w.year - 1 AND a.period = 'tahunan'
           WHERE w.kind IN ('asn_berprestasi', 'inovasi')
           GROUP BY ALL"""
    ).fetchall()
    share = dict(rows)
    assert share["1275"] == 1.0
    assert share["1504"] < 0.95  # about the 91% rated Baik or better
    long_service = demo_con.execute(
        "SELECT count(*) FROM rewards WHERE kind LIKE 'karya_satya%'"
    ).fetchone()[0]
    assert long_service > 1000


def test_every_pns_holds_the_last_golongan_of_a_rising_rank_history(demo_con):
    assert demo_con.execute(
        """WITH h AS (
               SELECT nip, golongan, tmt_golongan,
                      lag(golongan_rank(golongan)) OVER w AS before,
                      row_number() OVER (PARTITION BY nip ORDER BY tmt_golongan DESC) AS latest
               FROM rank_history WINDOW w AS (PARTITION BY nip ORDER BY tmt_golongan))
           SELECT count(*) FILTER (WHERE before >= golongan_rank(h.golongan)),
                  count(*) FILTER (WHERE latest = 1 AND s.golongan <> h.golongan),
                  (SELECT count(*) FROM staff WHERE employment_type = 'PNS'
                     AND nip NOT IN (SELECT nip FROM rank_history)),
                  (SELECT count(*) FROM rank_history JOIN staff USING (nip)
                     WHERE employment_type = 'PPPK')
           FROM h JOIN staff AS s USING (nip)"""
    ).fetchone() == (0, 0, 0, 0)


def test_complaint_steps_are_in_order_and_statuses_match(demo_con):
    bad = demo_con.execute(
        """SELECT count(*) FILTER (verified_at < received_at OR first_response_at < verified_at
                                   OR closed_at < first_response_at),
                  count(*) FILTER (status = 'selesai' AND closed_at IS NULL),
                  count(*) FILTER (status = 'baru' AND verified_at IS NOT NULL)
           FROM complaints"""
    ).fetchone()
    assert bad == (0, 0, 0)


def test_cli_demo_refuses_to_overwrite_without_force(demo_copy, capsys):
    from asn_analytics.__main__ import main

    assert main(["--db", str(demo_copy), "demo"]) == 2
    assert "--force" in capsys.readouterr().err


def test_an_opd_row_counts_the_units_beneath_it(demo_con):
    from asn_analytics.metrics import Filters, run

    dinkes, rsud = "1373:dinas kesehatan", "1373:rumah sakit umum daerah"
    filters = Filters(regions=("1373",), year_from=2025, year_to=2025)
    coverage = run(demo_con, "coverage_20jp", filters).set_index(["dimension", "category"])
    opd = coverage.loc[("opd", dinkes)]
    units = coverage.loc[[("unit", dinkes), ("unit", rsud)]]
    assert opd["n"] == units["n"].sum() and opd["n_reached"] == units["n_reached"].sum()
    assert units["opd_id"].tolist() == [dinkes, dinkes]
    # Another OPD without units beneath it has the same row at both levels.
    sosial = "1373:dinas sosial"
    assert coverage.loc[("opd", sosial), "n"] == coverage.loc[("unit", sosial), "n"]
    mix = run(demo_con, "complaints_mix", filters).set_index(["dimension", "category"])
    assert mix.loc[("opd", dinkes), "n"] == mix.loc[[("unit", dinkes), ("unit", rsud)], "n"].sum()
    ikm = run(demo_con, "ikm_units", filters).set_index(["level", "unit_id"])
    assert ikm.loc[("opd", dinkes), "respondents"] == (
        ikm.loc[[("unit", dinkes), ("unit", rsud)], "respondents"].sum()
    )
    assert ikm.loc[("unit", rsud), "opd_name"] == "Dinas Kesehatan"
