"""Enumerations and the common spellings of them found in real exports.

Each normaliser takes a trimmed, non-empty cell and returns the stored code, or None when the
value is not recognised. The row contracts (contracts.py) attach them to their fields; the engine
applies them to the distinct values of a column, so a million rows cost a few hundred calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

Normaliser = Callable[[str], str | None]


def key(text: str) -> str:
    """A spelling-insensitive key: case-folded, letters and digits only."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _table(pairs: dict[str, Iterable[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, spellings in pairs.items():
        for spelling in (code, *spellings):
            out[key(spelling)] = code
    return out


def _lookup(table: dict[str, str]) -> Normaliser:
    def normalise(value: str) -> str | None:
        return table.get(key(value))

    return normalise


GENDERS = ("L", "P")
gender = _lookup(
    _table(
        {
            "L": ("Laki-laki", "Laki laki", "Laki", "Pria", "M", "Male", "Man", "1"),
            "P": ("Perempuan", "Wanita", "F", "Female", "W", "Woman", "2"),
        }
    )
)

EMPLOYMENT_TYPES = ("PNS", "PPPK")
_EMPLOYMENT = _table(
    {
        "PNS": (
            "CPNS",
            "Pegawai Negeri Sipil",
            "Calon Pegawai Negeri Sipil",
            "Calon PNS",
            "PNS Daerah",
            "PNSD",
        ),
        "PPPK": (
            "P3K",
            "PPPK Penuh Waktu",
            "PPPK Paruh Waktu",
            "Pegawai Pemerintah dengan Perjanjian Kerja",
        ),
    }
)


def employment_type(value: str) -> str | None:
    """PNS or PPPK; a CPNS counts as PNS. SIASN's JENIS PEGAWAI NAMA names 19 kinds of PNS
    ("PNS Daerah Kab./Kota yang bekerja pada Kab./Kota", "PNS Pusat DPK pada ...")."""
    k = key(value)
    found = _EMPLOYMENT.get(k)
    if found is None and k.startswith(("pppk", "p3k")):
        return "PPPK"
    if found is None and k.startswith(("pns", "cpns")):
        return "PNS"
    return found


# PPPK are full-time (penuh waktu) unless the file says part-time (paruh waktu: KepmenPANRB
# 16/2025 on PPPK Paruh Waktu); both are PPPK in every PNS/PPPK split.
PPPK_KINDS = ("penuh_waktu", "paruh_waktu")


def pppk_kind(value: str) -> str | None:
    """'paruh_waktu' or 'penuh_waktu' for a PPPK, None for a PNS or an unknown value."""
    if employment_type(value) != "PPPK":
        return None
    return "paruh_waktu" if "paruh" in key(value) else "penuh_waktu"


EDUCATION_LEVELS = ("SD", "SMP", "SLTA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
education_level = _lookup(
    _table(
        {
            "SD": ("Sekolah Dasar", "MI", "SD/MI", "SD Sederajat"),
            # SIASN's TINGKAT PENDIDIKAN: 05 Sekolah Dasar, 10 SLTP, 12 SLTP Kejuruan, 15 SLTA,
            # 17 SLTA Kejuruan, 18 SLTA Keguruan, 20-25 Diploma I-II, 30 Diploma III/Sarjana
            # Muda, 35 Diploma IV, 40 S-1/Sarjana, 45 S-2, 50 S-3/Doktor.
            "SMP": (
                "SLTP",
                "SLTP Kejuruan",
                "SMP/MTs",
                "MTs",
                "SLTP/SMP",
                "SMP Sederajat",
                "SLTP Sederajat",
            ),
            "SLTA": (
                "SMA",
                "SMK",
                "SMA/SMK",
                "SMU",
                "STM",
                "SMEA",
                "MA",
                "SMA/MA",
                "SLTA/SMA",
                "SLTA/SMK",
                "SLTA Kejuruan",
                "SLTA Keguruan",
                "SLTA Sederajat",
                "SMA Sederajat",
            ),
            "D1": ("D-I", "D-1", "DI", "Diploma I", "Diploma 1"),
            "D2": ("D-II", "D-2", "DII", "Diploma II", "Diploma 2"),
            "D3": (
                "D-III",
                "D-3",
                "DIII",
                "Diploma III",
                "Diploma 3",
                "Sarjana Muda",
                "Diploma III/Sarjana Muda",
            ),
            "D4": ("D-IV", "D-4", "DIV", "Diploma IV", "Diploma 4", "Sarjana Terapan"),
            "S1": ("S-1", "S-1/Sarjana", "S1/Sarjana", "Sarjana", "Strata 1", "Strata I"),
            "S2": (
                "S-2",
                "S-2/Magister",
                "S2/Magister",
                "Magister",
                "Master",
                "Strata 2",
                "Strata II",
                "Pascasarjana",
            ),
            "S3": (
                "S-3",
                "S-3/Doktor",
                "S3/Doktor",
                "Doktor",
                "Doktoral",
                "Strata 3",
                "Strata III",
            ),
        }
    )
)

PNS_GOLONGAN = tuple(
    f"{roman}/{letter}"
    for roman, letters in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for letter in letters
)
PPPK_GOLONGAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
)
GOLONGAN = PNS_GOLONGAN + PPPK_GOLONGAN
_ARABIC = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_PNS_GOL = re.compile(r"(?<![A-Z])(IV|III|II|I|[1-4])\s*[/.\-]?\s*([A-E])(?![A-Z])")
_PPPK_GOL = re.compile(r"^(?:GOL(?:ONGAN)?\.?\s*)?([IVX]+)$")


def golongan(value: str) -> str | None:
    """Golongan I/a..IV/e (PNS) or I..XVII (PPPK): "Penata Muda (III/a)", "3a", "Gol. IX"."""
    text = value.strip().upper()
    match = _PNS_GOL.search(text)
    if match:
        roman = _ARABIC.get(match.group(1), match.group(1))
        found = f"{roman}/{match.group(2).lower()}"
        return found if found in PNS_GOLONGAN else None
    match = _PPPK_GOL.match(text)
    if match and match.group(1) in PPPK_GOLONGAN:
        return match.group(1)
    return None


# SIASN's golongan ids (golonganId in rw-golongan, 11..45): the ruang's digit after the
# golongan's, "34" being III/d.
_GOLONGAN_ID = re.compile(r"^([1-4])([1-5])$")


def pns_golongan(value: str) -> str | None:
    """A PNS golongan I/a..IV/e, as `golongan` reads it or as SIASN's id ("34" is III/d)."""
    match = _GOLONGAN_ID.match(value.strip())
    if match:
        found = f"{_ARABIC[match.group(1)]}/{'abcde'[int(match.group(2)) - 1]}"
        return found if found in PNS_GOLONGAN else None
    found = golongan(value)
    return found if found in PNS_GOLONGAN else None


# SIASN's jenis kenaikan pangkat (jenisKPId / jenisKPNama of rw-golongan): 101 Reguler, 201-210
# Pilihan (...), 211 the golongan of the CPNS appointment; anumerta, pengabdian and the return of
# a rank after a disciplinary sanction have no id there.
PROMOTION_KINDS = (
    "reguler",
    "pilihan_struktural",
    "pilihan_fungsional",
    "penyesuaian_ijazah",
    "tugas_belajar",
    "diperbantukan",
    "penemuan_baru",
    "prestasi_luar_biasa",
    "pejabat_negara",
    "pengadaan",
    "anumerta",
    "pengabdian",
    "pengembalian",
)
promotion_kind = _lookup(
    _table(
        {
            "reguler": ("101", "Reguler", "KP Reguler", "Kenaikan Pangkat Reguler", "Regular"),
            "pilihan_struktural": ("201", "Pilihan (Jabatan Struktural)", "Jabatan Struktural"),
            "pilihan_fungsional": (
                "202",
                "Pilihan (Jabatan Fungsional Tertentu)",
                "Jabatan Fungsional Tertentu",
                "Pilihan (Jabatan Fungsional)",
            ),
            "penyesuaian_ijazah": ("203", "Pilihan (Penyesuaian Ijazah)", "Penyesuaian Ijazah"),
            "tugas_belajar": (
                "204",
                "205",
                "Pilihan (Sedang Melaksanakan Tugas Belajar)",
                "Pilihan (Setelah Selesai Tugas Belajar)",
            ),
            "diperbantukan": (
                "206",
                "210",
                "Pilihan (Diperbantukan/Diperkerjakan Instansi Lain)",
                "Pilihan (Selama DPK/DPB)",
            ),
            "penemuan_baru": ("207", "Pilihan (Penemuan Baru)", "Penemuan Baru"),
            "prestasi_luar_biasa": (
                "208",
                "Pilihan (Prestasi Luar Biasa)",
                "Prestasi Luar Biasa",
            ),
            "pejabat_negara": ("209", "Pilihan (Pejabat Negara)", "Pejabat Negara"),
            "pengadaan": (
                "211",
                "Gol. dari Pengadaan CPNS/PNS",
                "Gol dari Pengadaan CPNS/PNS",
                "Pengadaan CPNS",
                "Pengangkatan CPNS",
            ),
            "anumerta": ("Anumerta", "Kenaikan Pangkat Anumerta"),
            "pengabdian": ("Pengabdian", "Kenaikan Pangkat Pengabdian"),
            "pengembalian": (
                "Pengembalian Pangkat",
                "Pengembalian Pangkat (Selesai Hukuman Disiplin)",
            ),
        }
    )
)


# SIASN's ref penghargaan (hargaId / hargaNama of rw-penghargaan): 100-110 bintang, 201-203 Karya
# Satya 10/20/30 Tahun (Satyalancana Karya Satya X/XX/XXX), 204 Wira Karya, 304-307 teladan and
# PNS luar biasa prestasinya, 308 penemuan bermanfaat, the rest other marks of honour.
REWARD_KINDS = (
    "karya_satya_10",
    "karya_satya_20",
    "karya_satya_30",
    "wira_karya",
    "bintang",
    "asn_berprestasi",
    "inovasi",
    "lainnya",
)
_BINTANG = ("R.I Adipurna", "R.I Adipradana", "R.I Utama", "R.I Pratama", "R.I Nararya")
_MAHAPUTERA = tuple(
    f"Mahaputera {g}" for g in ("Adipurna", "Adipradana", "Utama", "Pratama", "Nararya")
)
reward_kind = _lookup(
    _table(
        {
            "karya_satya_10": (
                "201",
                "Karya Satya 10 Tahun",
                "Satyalancana Karya Satya X Tahun",
                "Satyalancana Karya Satya X",
                "Satyalancana Karya Satya 10 Tahun",
                "SLKS X",
                "SLKS 10",
            ),
            "karya_satya_20": (
                "202",
                "Karya Satya 20 Tahun",
                "Satyalancana Karya Satya XX Tahun",
                "Satyalancana Karya Satya XX",
                "Satyalancana Karya Satya 20 Tahun",
                "SLKS XX",
                "SLKS 20",
            ),
            "karya_satya_30": (
                "203",
                "Karya Satya 30 Tahun",
                "Satyalancana Karya Satya XXX Tahun",
                "Satyalancana Karya Satya XXX",
                "Satyalancana Karya Satya 30 Tahun",
                "SLKS XXX",
                "SLKS 30",
            ),
            "wira_karya": ("204", "Wira Karya", "Satyalancana Wira Karya"),
            "bintang": (
                *(str(i) for i in range(100, 111)),
                "Bintang",
                *(f"Bintang {b}" for b in _BINTANG),
                *_BINTANG,
                *_MAHAPUTERA,
                *(f"Bintang {m}" for m in _MAHAPUTERA),
            ),
            "asn_berprestasi": (
                "304",
                "305",
                "306",
                "307",
                "TP PNS Luar Biasa Prestasinya",
                "TP Teladan TK Nasional",
                "TP Teladan TK Propinsi",
                "TP Teladan TK Kabupaten/Kota",
                "ASN Berprestasi",
                "PNS Berprestasi",
                "Pegawai Berprestasi",
                "ASN Teladan",
                "PNS Teladan",
                "Pegawai Teladan",
            ),
            "inovasi": (
                "308",
                "TP Penemuan Bermanfaat Bagi Negara",
                "Inovasi",
                "Penghargaan Inovasi",
                "Inovator",
                "Innovation award",
                "Innovation",
            ),
            "lainnya": (
                "111",
                "112",
                "300",
                "301",
                "302",
                "303",
                "309",
                "310",
                "400",
                "Tanda Penghargaan Trikora",
                "TP Pembebasan Irian Barat",
                "Tanda Jasa Lainnya",
                "TP Sidhakarya",
                "TP Purnabakti",
                "TP Dharma Adhyaksa",
                "Siswa Teladan",
                "Olimpiade",
                "Tanda Penghargaan Lainnya",
                "Lainnya",
                "Other",
            ),
        }
    )
)


POSITION_TYPES = ("struktural", "fungsional", "pelaksana")
position_type = _lookup(
    _table(
        {
            "struktural": (
                "Jabatan Struktural",
                "JPT",
                "Jabatan Pimpinan Tinggi",
                "Administrator",
                "Jabatan Administrator",
                "Pengawas",
                "Jabatan Pengawas",
                "Jabatan Rangkap",
                "Jabatan Rangkap (Struktural dan Fungsional)",
            ),
            # SIASN's JENIS JABATAN: 1 Jabatan Struktural, 2 Jabatan Fungsional Tertentu,
            # 3 Jabatan Rangkap (a structural post held with a functional one), 4 Jabatan
            # Fungsional Umum, since UU 5/2014 Jabatan Fungsional and Jabatan Pelaksana.
            "fungsional": (
                "Jabatan Fungsional",
                "Fungsional Tertentu",
                "Jabatan Fungsional Tertentu",
                "JF",
                "JFT",
            ),
            "pelaksana": (
                "Jabatan Pelaksana",
                "Fungsional Umum",
                "Jabatan Fungsional Umum",
                "JFU",
                "Pelaksana Umum",
            ),
        }
    )
)

POSITION_LEVELS = (
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "ahli_utama",
    "ahli_madya",
    "ahli_muda",
    "ahli_pertama",
    "penyelia",
    "mahir",
    "terampil",
    "pemula",
    "pelaksana",
)
position_level = _lookup(
    _table(
        {
            "jpt_utama": ("Jabatan Pimpinan Tinggi Utama",),
            # SIASN's ESELON NAMA: I.a-I.b, II.a-II.b (JPT), III.a-III.b (administrator),
            # IV.a-IV.b (pengawas); I.a is both JPT utama and madya there, so it is not read.
            "jpt_madya": ("Jabatan Pimpinan Tinggi Madya", "Eselon I", "Eselon I.b", "I.b"),
            "jpt_pratama": (
                "Jabatan Pimpinan Tinggi Pratama",
                "Eselon II",
                "Eselon II.a",
                "Eselon II.b",
                "II.a",
                "II.b",
            ),
            "administrator": ("Eselon III", "Eselon III.a", "Eselon III.b", "III.a", "III.b"),
            "pengawas": ("Eselon IV", "Eselon IV.a", "Eselon IV.b", "IV.a", "IV.b"),
            "ahli_utama": ("Ahli Utama",),
            "ahli_madya": ("Ahli Madya",),
            "ahli_muda": ("Ahli Muda",),
            "ahli_pertama": ("Ahli Pertama",),
            "penyelia": (),
            "mahir": ("Pelaksana Lanjutan",),
            "terampil": (),
            "pemula": ("Pelaksana Pemula",),
            "pelaksana": (),
        }
    )
)

STAFF_STATUSES = ("aktif", "cltn", "tugas_belajar", "pensiun", "berhenti", "meninggal", "pindah")
staff_status = _lookup(
    _table(
        {
            # SIASN's KEDUDUKAN HUKUM names where their meaning is plain: 20 Masa Persiapan
            # Pensiun (still PNS until the pension's TMT), 02/13 CLTN and its extension, 03 Tugas
            # Belajar, 98 Mencapai BUP, 88/89 (dis)charged with pension, 77 without one.
            "aktif": (
                "Active",
                "PNS Aktif",
                "PPPK Aktif",
                "Aktif Bekerja",
                "Masa Persiapan Pensiun",
                "MPP",
            ),
            "cltn": (
                "Cuti di Luar Tanggungan Negara",
                "Cuti Luar Tanggungan Negara",
                "Perpanjangan CLTN",
            ),
            "tugas_belajar": ("Tugas Belajar", "TB"),
            "pensiun": (
                "Pensiun BUP",
                "Pensiun Dini",
                "Purna Tugas",
                "Pensiunan",
                "Retired",
                "Mencapai BUP",
                "Pemberhentian dengan hak pensiun",
                "Tidak aktif tetapi diusulkan Pensiun",
            ),
            "berhenti": (
                "Diberhentikan",
                "Mengundurkan Diri",
                "Berhenti Atas Permintaan Sendiri",
                "Pemberhentian",
                "Pemberhentian tanpa hak pensiun",
                "Diberhentikan Tidak Dengan Hormat",
                "Pemberhentian Tidak Dengan Hormat",
                "Tidak Aktif",  # SIASN 52
                "Resigned",
            ),
            "meninggal": (
                "Meninggal Dunia",
                "Wafat",
                "Almarhum",
                "Deceased",
                "Tewas",
                "Pensiun Janda/Duda",  # the spouse's pension of a PNS who died
            ),
            "pindah": ("Pindah Instansi", "Mutasi Keluar", "Pindah Keluar", "Moved"),
        }
    )
)

REGION_KINDS = ("kota", "kabupaten", "provinsi")
region_kind = _lookup(
    _table(
        {
            "kota": ("Pemerintah Kota", "Pemkot", "City"),
            "kabupaten": ("Kab", "Kab.", "Pemerintah Kabupaten", "Pemkab", "Regency"),
            "provinsi": ("Prov", "Prov.", "Propinsi", "Pemerintah Provinsi", "Province"),
        }
    )
)

RATINGS = ("di_atas", "sesuai", "di_bawah")
_RATING = _table(
    {
        "di_atas": ("Di Atas", "Diatas", "Atas", "Di Atas Ekspektasi", "Above Expectations"),
        "sesuai": ("Sesuai Ekspektasi", "Sesuai", "Meets Expectations"),
        "di_bawah": ("Di Bawah", "Dibawah", "Bawah", "Di Bawah Ekspektasi", "Below Expectations"),
    }
)


def rating(value: str) -> str | None:
    """A rating of work results or behaviour against expectations."""
    k = key(value)
    # SIASN's own reference spells it "DIATAS ESPEKTASI"; e-Kinerja "Diatas Ekspektasi".
    return _RATING.get(k) or _RATING.get(k.removesuffix("ekspektasi").removesuffix("espektasi"))


PREDIKATS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
predikat = _lookup(
    _table(
        {
            "sangat_baik": ("Sangat Baik", "SB", "Istimewa", "Outstanding"),
            "baik": ("B", "Good"),
            # "Cukup" is the PermenPANRB 8/2021 label that became Butuh Perbaikan.
            "butuh_perbaikan": ("Butuh Perbaikan", "Cukup", "BP", "Needs Improvement"),
            "kurang": ("K", "Misconduct", "Kurang/Misconduct", "Poor"),
            "sangat_kurang": ("Sangat Kurang", "SK", "Very Poor"),
        }
    )
)

_ROMAN_Q = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "1": "1", "2": "2", "3": "3", "4": "4"}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "aug", "agt"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}


def period(value: str) -> str | None:
    """tahunan, TW1..TW4, S1..S2 or YYYY-MM ("Triwulan II", "Semester 1", "Maret 2024")."""
    text = value.strip().casefold()
    k = key(text)
    if k in ("tahunan", "tahun", "annual", "yearly", "akhirtahun"):
        return "tahunan"
    match = re.fullmatch(r"(?:tw|triwulan|q|quarter|kuartal)\s*[-.]?\s*(iv|iii|ii|i|[1-4])", text)
    if match:
        return f"TW{_ROMAN_Q[match.group(1)]}"
    match = re.fullmatch(r"(?:s|semester|smt)\s*[-.]?\s*(ii|i|[12])", text)
    if match:
        return f"S{_ROMAN_Q[match.group(1)]}"
    match = re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})", text)
    year, month = match.groups() if match else (None, None)
    match = re.fullmatch(r"(\d{1,2})\s*[-/.]\s*(\d{4})", text)
    if match:
        month, year = match.groups()
    if year is not None:
        return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    match = re.fullmatch(r"(?:bulan\s+)?([a-z]+)\s+(\d{4})", text)
    if match and match.group(1) in _MONTHS:
        return f"{match.group(2)}-{_MONTHS[match.group(1)]:02d}"
    return None


TRAINING_CATEGORIES = (
    "teknis",
    "fungsional",
    "kepemimpinan",
    "manajerial",
    "sosial_kultural",
    "latsar",
    "seminar",
)
training_category = _lookup(
    _table(
        {
            "teknis": (
                "Diklat Teknis",
                "Pelatihan Teknis",
                "Kursus",
                "Bimtek",
                "Bimbingan Teknis",
                "Sertifikasi",
                "Technical",
            ),
            "fungsional": ("Diklat Fungsional", "Pelatihan Fungsional", "Functional"),
            "kepemimpinan": (
                "Diklat Kepemimpinan",
                "Pelatihan Kepemimpinan",
                "Diklatpim",
                "Diklat Struktural",
                "Struktural",
                "PKP",
                "PKA",
                "PKN",
                "PKN I",
                "PKN II",
                "Leadership",
            ),
            "manajerial": ("Pelatihan Manajerial", "Managerial"),
            "sosial_kultural": ("Sosial Kultural", "Sosiokultural", "Sosial-Kultural"),
            "latsar": (
                "Latsar CPNS",
                "Pelatihan Dasar",
                "Pelatihan Dasar CPNS",
                "Prajabatan",
                "Diklat Prajabatan",
                "Orientasi PPPK",
            ),
            "seminar": (
                "Workshop",
                "Lokakarya",
                "Webinar",
                "Simposium",
                "Sarasehan",
                "Konferensi",
                "Seminar/Workshop",
            ),
        }
    )
)

TRAINING_METHODS = ("klasikal", "nonklasikal")
training_method = _lookup(
    _table(
        {
            "klasikal": ("Tatap Muka", "Luring", "Offline", "Classroom", "Klasikal"),
            "nonklasikal": (
                "Non Klasikal",
                "Non-Klasikal",
                "E-Learning",
                "Elearning",
                "Daring",
                "Online",
                "Coaching",
                "Mentoring",
                "Magang",
                "Detasering",
                "Pertukaran",
                "Blended",
                "Blended Learning",
                "Jarak Jauh",
                "Webinar",
                "Benchmarking",
            ),
        }
    )
)

DISCIPLINE_LEVELS = ("ringan", "sedang", "berat")
_DISCIPLINE = _table(
    {
        "ringan": ("Hukuman Disiplin Ringan", "Hukdis Ringan", "Minor", "Light"),
        "sedang": ("Hukuman Disiplin Sedang", "Hukdis Sedang", "Moderate", "Medium"),
        "berat": ("Hukuman Disiplin Berat", "Hukdis Berat", "Severe", "Heavy"),
    }
)


def discipline_level(value: str) -> str | None:
    """ringan / sedang / berat ("Hukuman Disiplin Sedang", "Tingkat Berat")."""
    k = key(value)
    return _DISCIPLINE.get(k) or _DISCIPLINE.get(k.removeprefix("tingkat"))


COMPLAINT_STATUSES = (
    "baru",
    "terverifikasi",
    "proses",
    "selesai",
    "tunda",
    "bukan_wewenang",
    "arsip",
)
complaint_status = _lookup(
    _table(
        {
            "baru": ("Belum Diverifikasi", "Belum Diproses", "Masuk", "New", "Open"),
            "terverifikasi": ("Diverifikasi", "Verifikasi", "Terdisposisi", "Disposisi"),
            "proses": ("Diproses", "Sedang Diproses", "Dalam Proses", "Ditindaklanjuti"),
            "selesai": ("Tuntas", "Ditutup", "Closed", "Done", "Resolved"),
            "tunda": ("Ditunda", "Pending", "On Hold"),
            "bukan_wewenang": ("Bukan Wewenang", "Bukan Kewenangan", "Dialihkan"),
            "arsip": ("Diarsipkan", "Archived"),
        }
    )
)

_CHANNELS = _table(
    {
        "LAPOR!": ("LAPOR", "SP4N LAPOR", "SP4N-LAPOR!", "SP4N", "lapor.go.id"),
        "aplikasi daerah": ("Aplikasi Pemda", "Aplikasi Lokal"),
        "media sosial": ("Medsos", "Sosial Media", "Social Media", "Instagram", "Facebook", "X"),
        "SMS 1708": ("SMS", "1708"),
        "langsung": ("Datang Langsung", "Tatap Muka", "Loket", "Walk-in"),
        "forum": ("Forum Warga", "Forum Konsultasi Publik"),
    }
)


def complaint_channel(value: str) -> str:
    """Known channel spellings normalised; any other channel kept as given (an open list)."""
    return _CHANNELS.get(key(value)) or " ".join(value.split())


_CATEGORIES = (
    "kependudukan",
    "kesehatan",
    "pendidikan",
    "perizinan",
    "infrastruktur",
    "lingkungan",
    "perhubungan",
    "sosial",
    "ketertiban",
    "kepegawaian",
    "ekonomi",
)
_CATEGORY = _table(
    {
        **{c: () for c in _CATEGORIES},
        "kependudukan": ("Adminduk", "Administrasi Kependudukan", "Dukcapil"),
        "infrastruktur": ("Pekerjaan Umum", "Jalan dan Jembatan", "Infrastruktur Jalan"),
        "lingkungan": ("Lingkungan Hidup", "Kebersihan", "Sampah"),
        "ketertiban": ("Ketentraman dan Ketertiban", "Trantibum"),
    }
)


def complaint_category(value: str) -> str:
    """Known category spellings normalised; any other category kept as given (an open list)."""
    return _CATEGORY.get(key(value)) or " ".join(value.split())


def sector(value: str) -> str:
    """A unit's sector: lower case, spaces collapsed (an open list)."""
    return " ".join(value.casefold().split())
