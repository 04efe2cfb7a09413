"""Work-unit keys and names: distinct names never share a key, near-duplicate names are suggested,
and a name mapped to an existing unit is remembered per region (table unit_aliases)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from asn_analytics import db, ingest, units
from asn_analytics.__main__ import EXIT_OK, main
from tests.factories import nip

AS_OF = dt.date(2025, 12, 31)
RSUD = "1373:rumah sakit umum daerah sawahlunto"
SOSIAL = "1373:dinas sosial"


def staff_csv(*rows: tuple[str, str]) -> bytes:
    """A staff file of PNS in the given (region, unit) pairs, one row each, NIPs 001, 002, ..."""
    lines = ["nip;nama;instansi;unit_kerja;jenis_pegawai"]
    for seq, (region, unit) in enumerate(rows, start=1):
        lines.append(f"{nip(seq=seq)};Pegawai {seq};{region};{unit};PNS")
    return ("\n".join(lines) + "\n").encode("utf-8")


def staff_units(con) -> list[tuple[str, str]]:
    return con.execute("SELECT nip, unit_id FROM staff ORDER BY nip").fetchall()


@pytest.fixture
def sawahlunto(con):
    """The in-memory database with two units of Kota Sawahlunto (1373)."""
    con.execute(
        "INSERT INTO units (unit_id, region_code, name) VALUES"
        " (?, '1373', 'Rumah Sakit Umum Daerah Sawahlunto'), (?, '1373', 'Dinas Sosial')",
        [RSUD, SOSIAL],
    )
    return con


def test_a_plain_name_keeps_its_readable_key():
    # Case, decorating punctuation and a dash between words do not make another name.
    assert units.unit_id("1275", "Dinas Sosial") == "1275:dinas sosial"
    assert units.unit_id("1275", "DINAS  SOSIAL.") == "1275:dinas sosial"
    assert units.unit_id("1275", "Kec. Medan Kota") == "1275:kec medan kota"
    assert units.unit_id("1275", "Dinas PU – Bina Marga") == "1275:dinas pu bina marga"
    assert units.unit_id("1275", "Dinas Koperasi, Usaha Kecil") == "1275:dinas koperasi usaha kecil"


def test_names_that_differ_only_in_signs_get_keys_of_their_own():
    # All three slug to '1 1'; the hash is the first 8 hex digits of SHA-256 of the normal name:
    # sha256('=1+1') = bac90eef..., sha256('+1+1') = 1c849040..., sha256('-1+1') = 2ff6d15d...
    assert units.unit_id("1275", "=1+1") == "1275:1 1~bac90eef"
    assert units.unit_id("1275", "+1+1") == "1275:1 1~1c849040"
    assert units.unit_id("1275", "-1+1") == "1275:1 1~2ff6d15d"


def test_the_demo_keeps_its_unit_keys(demo_con):
    # Every demo unit's key is the plain slug of its name, as before keys could carry a hash.
    rows = demo_con.execute("SELECT unit_id, region_code, name FROM units").fetchall()
    assert len(rows) > 100
    assert [u for u, r, n in rows if u != f"{r}:{units.slug(n)}"] == []
    assert [u for u, r, n in rows if u != units.unit_id(r, n)] == []


def test_three_units_sharing_a_slug_are_imported_as_three(con):
    data = staff_csv(("Kota Medan", "=1+1"), ("Kota Medan", "+1+1"), ("Kota Medan", "-1+1"))
    report = ingest.import_file(con, data, "satu.csv", as_of=AS_OF)
    assert report.units_created == 3
    assert con.execute("SELECT unit_id, name FROM units ORDER BY name").fetchall() == [
        ("1275:1 1~1c849040", "+1+1"),
        ("1275:1 1~2ff6d15d", "-1+1"),
        ("1275:1 1~bac90eef", "=1+1"),
    ]
    assert [u for _, u in staff_units(con)] == [
        "1275:1 1~bac90eef",
        "1275:1 1~1c849040",
        "1275:1 1~2ff6d15d",
    ]


def test_a_name_whose_slug_a_stored_unit_holds_gets_the_hashed_key(con):
    # A unit stored under the plain slug of another name (as the older rule made it).
    con.execute(
        "INSERT INTO units (unit_id, region_code, name)"
        " VALUES ('1275:dinas a b', '1275', 'Dinas A/B')"
    )
    report = ingest.import_file(con, staff_csv(("Kota Medan", "Dinas A B")), "a.csv", as_of=AS_OF)
    assert report.units_created == 1
    # sha256('dinas a b') begins bd6faa40
    assert staff_units(con) == [(nip(seq=1), "1275:dinas a b~bd6faa40")]
    # ... and the stored unit is still found by its own name.
    ingest.import_file(con, staff_csv(("Kota Medan", "DINAS A/B")), "b.csv", as_of=AS_OF)
    assert staff_units(con) == [(nip(seq=1), "1275:dinas a b")]


def test_a_new_unit_close_to_a_known_one_is_suggested(sawahlunto):
    data = staff_csv(
        ("Kota Sawahlunto", "RSUD Sawahlunto"),
        ("Kota Sawahlunto", "Dinas-Sosial"),
        ("Kota Sawahlunto", "Dinas Pariwisata"),
        ("Kota Sawahlunto", "Dinas Sosial."),
    )
    report = ingest.analyze(sawahlunto, data, "a.csv", as_of=AS_OF)
    # 'rsud sawahlunto' expands to 'rumah sakit umum daerah' once the region's name is dropped,
    # as does the known unit: ratio 1. 'dinas-sosial' slugs to 'dinas sosial': ratio 1.
    # 'Dinas Pariwisata' is no unit's near twin; 'Dinas Sosial.' is Dinas Sosial itself.
    assert [(s.name, s.unit_id, s.candidates) for s in report.unit_suggestions] == [
        ("Dinas-Sosial", "1373:dinas sosial~d47beab7", ((SOSIAL, "Dinas Sosial"),)),
        (
            "RSUD Sawahlunto",
            "1373:rsud sawahlunto",
            ((RSUD, "Rumah Sakit Umum Daerah Sawahlunto"),),
        ),
    ]
    assert report.units_created == 3
    assert "did you mean: 'Rumah Sakit Umum Daerah Sawahlunto'" in "\n".join(report.lines("en"))


def test_a_mapped_name_joins_the_unit_and_is_remembered_in_its_region(sawahlunto):
    con = sawahlunto
    data = staff_csv(("Kota Sawahlunto", "RSUD Sawahlunto"), ("Kota Sawahlunto", "Dinas Sosial"))
    report = ingest.import_file(
        con, data, "a.csv", as_of=AS_OF, unit_aliases={("1373", "RSUD Sawahlunto"): RSUD}
    )
    assert (report.units_created, report.unit_suggestions) == (0, [])
    assert staff_units(con) == [(nip(seq=1), RSUD), (nip(seq=2), SOSIAL)]
    assert con.execute("SELECT region_code, alias, unit_id FROM unit_aliases").fetchall() == [
        ("1373", "rsud sawahlunto", RSUD)
    ]
    # The next file resolves the name by itself, written in capitals; in Medan it is a new unit.
    later = staff_csv(("Kota Sawahlunto", "RSUD SAWAHLUNTO"), ("Kota Medan", "RSUD Sawahlunto"))
    report = ingest.import_file(con, later, "b.csv", as_of=AS_OF)
    assert report.units_created == 1
    assert staff_units(con) == [(nip(seq=1), RSUD), (nip(seq=2), "1275:rsud sawahlunto")]
    # Undoing the batch that recorded the alias removes it.
    ingest.undo(con, "staff")
    ingest.undo(con, "staff")
    assert con.execute("SELECT count(*) FROM unit_aliases").fetchone() == (0,)


def test_a_name_mapped_to_a_unit_of_another_region_is_refused(sawahlunto):
    data = staff_csv(("Kota Medan", "RSUD Sawahlunto"))
    with pytest.raises(ingest.ImportRefused) as refused:
        ingest.import_file(
            sawahlunto, data, "a.csv", as_of=AS_OF, unit_aliases={("1275", "RSUD Sawahlunto"): RSUD}
        )
    assert refused.value.code == "bad_unit_alias"
    assert sawahlunto.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)


def test_the_command_line_maps_a_unit(tmp_path, capsys, monkeypatch):
    path = tmp_path / "asn.duckdb"
    con = db.connect(path)
    con.execute(
        "INSERT INTO units (unit_id, region_code, name)"
        " VALUES (?, '1373', 'Rumah Sakit Umum Daerah')",
        ["1373:rumah sakit umum daerah"],
    )
    con.close()
    csv = tmp_path / "pegawai.csv"
    csv.write_bytes(staff_csv(("Kota Sawahlunto", "RSUD Sawahlunto")))
    monkeypatch.setenv("ASN_LANG", "en")
    assert main(["--db", str(path), "import", "staff", str(csv), "--dry-run"]) == EXIT_OK
    out = capsys.readouterr().out
    assert (
        "new unit 'RSUD Sawahlunto' (1373:rsud sawahlunto) — did you mean:"
        " 'Rumah Sakit Umum Daerah' (1373:rumah sakit umum daerah)? Map it with"
        " --map-unit 'RSUD Sawahlunto=1373:rumah sakit umum daerah'"
    ) in out
    argv = ["--map-unit", "RSUD Sawahlunto=1373:rumah sakit umum daerah"]
    assert main(["--db", str(path), "import", "staff", str(csv), *argv]) == EXIT_OK
    con = db.connect(path)
    try:
        assert staff_units(con) == [(nip(seq=1), "1373:rumah sakit umum daerah")]
    finally:
        con.close()


# -- the OPD a unit belongs to ------------------------------------------------------------------


def staff_with_opd(*rows: tuple[str, str, str]) -> bytes:
    """A staff file of PNS with UNOR NAMA and SATUAN KERJA KERJA NAMA: (region, unit, opd)."""
    lines = ["nip;nama;instansi;UNOR NAMA;SATUAN KERJA KERJA NAMA;jenis_pegawai"]
    for seq, (region, unit, opd) in enumerate(rows, start=1):
        lines.append(f"{nip(seq=seq)};Pegawai {seq};{region};{unit};{opd};PNS")
    return ("\n".join(lines) + "\n").encode("utf-8")


def parents(con) -> dict[str, str | None]:
    return dict(con.execute("SELECT unit_id, parent_id FROM units").fetchall())


def test_a_unit_gets_the_opd_its_file_names_and_undo_gives_back_the_previous_one(con):
    kes, pkm = "1373:dinas kesehatan", "1373:uptd puskesmas talawi"
    first = staff_with_opd(
        ("1373", "UPTD Puskesmas Talawi", "Dinas Kesehatan"),
        ("1373", "Dinas Kesehatan", "Dinas Kesehatan"),  # the OPD's own office
    )
    report = ingest.import_file(con, first, "a.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected, report.units_created) == (2, 0, 2)
    assert parents(con) == {kes: None, pkm: kes}
    # A reorganisation moves the puskesmas under a new OPD, named only as an OPD.
    moved = staff_with_opd(
        ("1373", "UPTD Puskesmas Talawi", "Dinas Kesehatan dan KB"),
        ("1373", "Dinas Kesehatan", "Dinas Kesehatan"),
    )
    report = ingest.import_file(con, moved, "b.csv", as_of=AS_OF)
    assert report.units_created == 1
    assert parents(con) == {
        kes: None,
        pkm: "1373:dinas kesehatan dan kb",
        "1373:dinas kesehatan dan kb": None,
    }
    ingest.undo(con, "staff")
    assert parents(con) == {kes: None, pkm: kes}
    ingest.undo(con, "staff")
    assert parents(con) == {}


def test_a_file_with_one_level_of_units_gives_it_as_the_unit(con):
    one_level = (
        f"nip;nama;instansi;OPD;jenis_pegawai\n{nip(seq=1)};A;1373;Dinas Sosial;PNS\n"
    ).encode()
    report = ingest.import_file(con, one_level, "a.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected) == (1, 0)
    assert staff_units(con) == [(nip(seq=1), SOSIAL)]
    assert parents(con) == {SOSIAL: None}


def test_the_government_itself_as_satuan_kerja_is_no_opd(con):
    rows = staff_with_opd(("1373", "Dinas Sosial", "Pemerintah Kota Sawahlunto"))
    report = ingest.import_file(con, rows, "a.csv", as_of=AS_OF)
    assert (report.inserted, report.units_created) == (1, 1)
    assert parents(con) == {SOSIAL: None}


def test_a_list_of_units_names_their_opd(con):
    from pathlib import Path

    sample = Path(__file__).parent.parent / "data" / "samples" / "units_opd.csv"
    ingest.import_file(con, sample.read_bytes(), sample.name, as_of=AS_OF)
    kes = "1373:dinas kesehatan"
    assert {u: p for u, p in parents(con).items() if p} == {
        "1373:uptd puskesmas talawi": kes,
        "1373:uptd puskesmas silungkang": kes,
    }


def test_part_time_pppk_stay_pppk_and_can_be_chosen_alone(con):
    from asn_analytics.metrics import Filters, run

    lines = ["nip;nama;instansi;unit_kerja;jenis_pegawai;tmt_pppk"]
    kinds = ["PNS Daerah Kab./Kota", "PPPK", "PPPK Penuh Waktu", "PPPK Paruh Waktu"]
    kinds += ["PPPK Paruh Waktu"]
    for seq, kind in enumerate(kinds, start=1):
        lines.append(f"{nip(seq=seq)};P{seq};1373;Dinas Sosial;{kind};01-01-2022")
    data = ("\n".join(lines) + "\n").encode()
    report = ingest.import_file(con, data, "a.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected) == (5, 0)
    stored = con.execute("SELECT employment_type, pppk_kind FROM staff ORDER BY nip").fetchall()
    assert stored == [
        ("PNS", None),
        ("PPPK", "penuh_waktu"),
        ("PPPK", "penuh_waktu"),
        ("PPPK", "paruh_waktu"),
        ("PPPK", "paruh_waktu"),
    ]
    year = {"year_from": 2025, "year_to": 2025, "as_of": AS_OF}

    def by_type(**chosen):
        frame = run(con, "headcount", Filters(**year, **chosen))
        split = frame[frame["dimension"].eq("employment_type")]
        return split.set_index("category")["n"].to_dict()

    # Both kinds are PPPK in the PNS/PPPK split; the part-time ones can be chosen alone.
    assert by_type() == {"PNS": 1, "PPPK": 4}
    assert by_type(employment_types=("PPPK",)) == {"PPPK": 4}
    assert by_type(employment_types=("PPPK Paruh Waktu",)) == {"PPPK": 2}


def test_an_unknown_kedudukan_keeps_the_stored_status(con):
    head = "nip;nama;instansi;unit_kerja;jenis_pegawai;kedudukan_hukum_nama\n"

    def staff(kedudukan: str) -> bytes:
        return (head + f"{nip(seq=1)};A;1373;Dinas Sosial;PNS;{kedudukan}\n").encode()

    ingest.import_file(con, staff("Pensiun"), "a.csv", as_of=AS_OF)
    report = ingest.import_file(con, staff("Pemberhentian Sementara"), "b.csv", as_of=AS_OF)
    assert (report.updated, report.unchanged, report.warnings) == (0, 1, 1)
    assert con.execute("SELECT status FROM staff").fetchone() == ("pensiun",)
    # a new person with a value not read is active, as before
    report = ingest.import_file(
        con, (head + f"{nip(seq=2)};B;1373;Dinas Sosial;PNS;Penerima Uang Tunggu\n").encode(), "c"
    )
    assert con.execute("SELECT status FROM staff WHERE nip = ?", [nip(seq=2)]).fetchone() == (
        "aktif",
    )
    # a known value still changes it
    ingest.import_file(con, staff("Aktif"), "d.csv", as_of=AS_OF)
    assert con.execute("SELECT status FROM staff WHERE nip = ?", [nip(seq=1)]).fetchone() == (
        "aktif",
    )


def test_the_government_as_a_unit_is_still_a_unit(con):
    # only as the OPD column does the regional government name no unit
    rows = staff_with_opd(("1373", "Pemerintah Kota Sawahlunto", "Pemerintah Kota Sawahlunto"))
    report = ingest.import_file(con, rows, "a.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected) == (1, 0)
    assert list(parents(con).values()) == [None]  # one unit, no OPD


def test_the_staff_template_filled_in_imports_whole(con):
    import io

    from asn_analytics import export

    template = ingest.template("staff")
    # every header of the template is read as its column
    data = export.csv_bytes(template)
    report = ingest.analyze(con, data + f'"{nip(seq=1)}"'.encode() + b"\n", "t.csv", "staff")
    assert set(report.mapping.values()) == set(ingest.DATASETS["staff"].columns)
    assert report.unrecognised == []
    # one person written in, as an officer would
    row = dict.fromkeys(template.columns, "")
    row.update(
        {
            "nip_baru": nip(seq=1),
            "nama": "Budi",
            "wilayah": "Kota Sawahlunto",
            "unit_kerja": "UPTD Puskesmas Talawi",
            "satuan_kerja_kerja_nama": "Dinas Kesehatan",
            "jenis_pegawai_nama": "PNS",
        }
    )
    filled = io.StringIO()
    pd.DataFrame([row]).to_csv(filled, index=False)
    report = ingest.import_file(con, filled.getvalue().encode(), "t.csv", as_of=AS_OF)
    assert (report.inserted, report.rejected, report.warnings) == (1, 0, 0)
    assert parents(con) == {
        "1373:uptd puskesmas talawi": "1373:dinas kesehatan",
        "1373:dinas kesehatan": None,
    }


@pytest.mark.parametrize("dataset", list(ingest.DATASETS))
def test_every_template_header_is_read_as_its_column(dataset):
    from asn_analytics.ingest import mapping

    headers = list(ingest.template(dataset).columns)
    found = mapping.map_headers(headers, dataset)
    assert list(found.by_header.values()) == list(ingest.DATASETS[dataset].columns)
    assert mapping.detect(headers) == dataset
