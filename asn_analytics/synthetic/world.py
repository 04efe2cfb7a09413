"""The synthetic world: the four seed regions, their OPDs, names, golongan, trainings,
complaints and survey patterns, shared by the demo and the scale generator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from asn_analytics import reference
from asn_analytics.metrics.satisfaction import ELEMENTS

DEFAULT_SEED = 20251231
YEARS = (2021, 2022, 2023, 2024, 2025)
APPRAISAL_YEARS = (2022, 2023, 2024, 2025)
END = dt.date(2025, 12, 31)


@dataclass(frozen=True)
class RegionProfile:
    """How a region's synthetic workforce and public service look."""

    code: str
    short: str
    pns: int
    pppk: int
    kecamatan: tuple[str, ...]
    coverage: tuple[float, ...]  # share of staff-years reaching 20 JP, 2021..2025
    complaints_per_month: float
    ikm_mean: tuple[float, ...]  # target mean answer (1-4), 2021..2025
    survey_per_unit: int
    own_channel: str | None = None


PROFILES = (
    RegionProfile(
        "1275",
        "Medan",
        9726,
        4625,
        (
            "Medan Kota",
            "Medan Baru",
            "Medan Petisah",
            "Medan Helvetia",
            "Medan Johor",
            "Medan Amplas",
            "Medan Denai",
            "Medan Area",
            "Medan Tembung",
            "Medan Perjuangan",
            "Medan Timur",
            "Medan Barat",
            "Medan Sunggal",
            "Medan Selayang",
            "Medan Tuntungan",
            "Medan Polonia",
            "Medan Maimun",
            "Medan Deli",
            "Medan Labuhan",
            "Medan Marelan",
            "Medan Belawan",
        ),
        (0.42, 0.45, 0.47, 0.49, 0.52),
        110.0,
        (3.31, 3.33, 3.35, 3.36, 3.38),
        150,
    ),
    RegionProfile(
        "1272",
        "Tanjungbalai",
        2640,
        1160,
        (
            "Datuk Bandar",
            "Datuk Bandar Timur",
            "Sei Tualang Raso",
            "Tanjungbalai Selatan",
            "Tanjungbalai Utara",
            "Teluk Nibung",
        ),
        (0.30, 0.33, 0.31, 0.35, 0.34),
        22.0,
        (3.31, 3.23, 3.13, 3.03, 2.93),
        90,
    ),
    RegionProfile(
        "1373",
        "Sawahlunto",
        1700,
        700,
        ("Barangin", "Lembah Segar", "Silungkang", "Talawi"),
        (0.325, 0.435, 0.545, 0.665, 0.79),
        14.0,
        (3.44, 3.46, 3.49, 3.51, 3.54),
        70,
        own_channel="Hallo Sawahlunto",
    ),
    RegionProfile(
        "1504",
        "Batanghari",
        3960,
        2240,
        (
            "Muara Bulian",
            "Bajubang",
            "Batin XXIV",
            "Maro Sebo Ulu",
            "Mersam",
            "Muara Tembesi",
            "Pemayung",
            "Maro Sebo Ilir",
        ),
        (0.38, 0.40, 0.37, 0.42, 0.45),
        28.0,
        (2.88, 2.97, 3.06, 3.16, 3.26),
        90,
    ),
)

# (name, sector, weight for pelaksana and other functional staff, IKM services or None)
OPD = (
    ("Sekretariat Daerah", "pemerintahan", 6, None),
    ("Sekretariat DPRD", "pemerintahan", 3, None),
    ("Inspektorat", "pengawasan", 2, None),
    ("Badan Perencanaan Pembangunan Daerah", "perencanaan", 2, None),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "keuangan", 3, None),
    ("Badan Pendapatan Daerah", "keuangan", 3, None),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kepegawaian", 2, None),
    ("Badan Kesatuan Bangsa dan Politik", "pemerintahan", 1, None),
    ("Badan Penanggulangan Bencana Daerah", "kebencanaan", 2, None),
    ("Dinas Pendidikan", "pendidikan", 3, ("Legalisir Ijazah", "Mutasi Siswa")),
    ("Dinas Kesehatan", "kesehatan", 3, ("Pelayanan Puskesmas", "Imunisasi")),
    ("Rumah Sakit Umum Daerah", "kesehatan", 2, ("Rawat Jalan", "Rawat Inap", "IGD")),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "infrastruktur", 5, None),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "infrastruktur", 2, None),
    ("Satuan Polisi Pamong Praja", "ketertiban", 7, None),
    ("Dinas Sosial", "sosial", 2, ("Bantuan Sosial", "Rekomendasi DTKS")),
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "kependudukan",
        4,
        ("Perekaman KTP-el", "Kartu Keluarga", "Akta Kelahiran"),
    ),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "perizinan",
        2,
        ("Persetujuan Bangunan Gedung", "Izin Usaha"),
    ),
    ("Dinas Perhubungan", "perhubungan", 5, ("Uji KIR", "Izin Trayek")),
    ("Dinas Lingkungan Hidup", "lingkungan", 5, None),
    ("Dinas Komunikasi dan Informatika", "informatika", 2, None),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", "ekonomi", 1, None),
    ("Dinas Perdagangan", "ekonomi", 2, None),
    ("Dinas Pertanian", "pertanian", 3, None),
    ("Dinas Pariwisata", "pariwisata", 1, None),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "sosial", 1, None),
    ("Dinas Tenaga Kerja", "ketenagakerjaan", 1, None),
)
# Units that sit in an OPD (units.parent_id): a regional hospital is a special organisation unit
# of the health office (PP 72/2019 amending PP 18/2016 on Perangkat Daerah, Pasal 21A). Every
# other OPD and each kecamatan (a perangkat daerah itself) is top-level.
UNDER = {"Rumah Sakit Umum Daerah": "Dinas Kesehatan"}
KECAMATAN_WEIGHT = 2
KECAMATAN_SERVICES = ("Surat Keterangan", "Rekomendasi Izin Keramaian")

COMPLAINT_CATEGORIES = {
    # category: (share, sector of the unit that handles it)
    "infrastruktur": (0.25, "infrastruktur"),
    "kependudukan": (0.18, "kependudukan"),
    "kesehatan": (0.12, "kesehatan"),
    "pendidikan": (0.10, "pendidikan"),
    "lingkungan": (0.10, "lingkungan"),
    "perizinan": (0.08, "perizinan"),
    "perhubungan": (0.07, "perhubungan"),
    "sosial": (0.06, "sosial"),
    "ketertiban": (0.04, "ketertiban"),
}
MEDAN_NEW_CHANNEL = "Medan Rumah Kita"
MEDAN_NEW_CHANNEL_START = dt.date(2024, 3, 1)
MEDAN_NEW_CHANNEL_PER_MONTH = 160.0

IKM_ELEMENTS = ELEMENTS  # the survey columns, in the regulation's order
IKM_ELEMENT_OFFSET = (0.02, -0.05, -0.16, 0.20, 0.0, 0.05, 0.08, -0.10, -0.04)

# The predikat matrix (PermenPANRB 6/2022), result rating x behaviour rating.
RATINGS = ("di_atas", "sesuai", "di_bawah")
MATRIX = {
    (r, b): p for r, row in reference.load("predikat")["matrix"].items() for b, p in row.items()
}
PREDIKAT_VALUE = reference.load("predikat")["value"]
# Cell order of the probability vectors below: (result, behaviour).
CELLS = [(r, b) for r in RATINGS for b in RATINGS]
CELL_P_NORMAL = np.array([0.15, 0.08, 0.005, 0.07, 0.61, 0.015, 0.01, 0.055, 0.005])
# Medan Disdukcapil in 2024, apart from the lenient evaluator: mostly Baik.
CELL_P_STRICT = np.array([0.06, 0.0, 0.005, 0.0, 0.86, 0.015, 0.0, 0.055, 0.005])
CELL_P_PUPR = np.array([0.90, 0.0, 0.0, 0.0, 0.10, 0.0, 0.0, 0.0, 0.0])

FIRST_NAMES_M = (
    "Ahmad",
    "Budi",
    "Rizky",
    "Hendra",
    "Fajar",
    "Dedi",
    "Andi",
    "Agus",
    "Bambang",
    "Yusuf",
    "Irwan",
    "Rahmat",
    "Doni",
    "Syahrul",
    "Hotman",
    "Parlindungan",
    "Rudi",
    "Taufik",
    "Zulkifli",
    "Arif",
    "Eko",
    "Gilang",
    "Hafiz",
    "Iqbal",
    "Joko",
    "Khairul",
    "Lukman",
    "Muhammad",
    "Nanda",
)
FIRST_NAMES_F = (
    "Siti",
    "Nurul",
    "Dewi",
    "Rina",
    "Sri",
    "Yuliana",
    "Fitri",
    "Ratna",
    "Lestari",
    "Intan",
    "Maya",
    "Wulan",
    "Putri",
    "Rahmawati",
    "Desi",
    "Erna",
    "Friska",
    "Hana",
    "Indah",
    "Juwita",
    "Kartika",
    "Lina",
    "Melati",
    "Novita",
    "Oktaviani",
    "Purnama",
    "Rosmawati",
    "Sartika",
)
LAST_NAMES = (
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Simanjuntak",
    "Sitompul",
    "Hasibuan",
    "Pohan",
    "Tanjung",
    "Pane",
    "Sinaga",
    "Situmorang",
    "Ginting",
    "Tarigan",
    "Batubara",
    "Daulay",
    "Saragih",
    "Purba",
    "Putra",
    "Putri",
    "Syahputra",
    "Pratama",
    "Wijaya",
    "Hidayat",
    "Saputra",
    "Rangkuti",
    "Matondang",
    "Chaniago",
    "Piliang",
    "Koto",
    "Tanjung",
    "Sikumbang",
    "Hakim",
)

GOLONGAN_PNS = (
    "I/a",
    "I/b",
    "I/c",
    "I/d",
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
)
GOL_START = {"SD": 0, "SMP": 1, "SLTA": 4, "D3": 6, "D4": 8, "S1": 8, "S2": 9, "S3": 10}
GOL_CAP = {"SD": 7, "SMP": 9, "SLTA": 11, "D3": 12, "D4": 13, "S1": 13, "S2": 14, "S3": 16}
GOL_PPPK = {
    "SD": "I",
    "SMP": "IV",
    "SLTA": "V",
    "D3": "VII",
    "D4": "IX",
    "S1": "IX",
    "S2": "X",
    "S3": "XI",
}

TRAININGS = {
    "teknis": (
        "Pelatihan Pelayanan Prima",
        "Bimbingan Teknis SIPD",
        "Pelatihan Pengadaan Barang/Jasa",
        "Pelatihan Pengelolaan Keuangan Daerah",
        "Pelatihan Penyusunan SAKIP",
        "Pelatihan Manajemen Arsip Dinamis",
        "Pelatihan Analisis Beban Kerja",
    ),
    "fungsional": (
        "Pelatihan Fungsional Penjenjangan",
        "Pelatihan Guru Penggerak",
        "Pelatihan Kurikulum Merdeka",
        "Pelatihan Keperawatan Gawat Darurat",
        "Pelatihan Fungsional Analis Kebijakan",
    ),
    "manajerial": ("Pelatihan Manajemen Kinerja", "Pelatihan Pengambilan Keputusan"),
    "sosial_kultural": ("Pelatihan Wawasan Kebangsaan", "Pelatihan Moderasi Beragama"),
    "seminar": ("Seminar Reformasi Birokrasi", "Workshop Transformasi Digital"),
}
SHORT_JP = np.array([2.0, 3.0, 4.0, 6.0, 7.5, 8.0])
EXTRA_JP = np.array([2.0, 4.0, 8.0, 10.0, 16.0])
MAIN_JP = np.array([20.0, 24.0, 30.0, 32.0, 40.0])
PROVIDERS = ("BPSDM Provinsi", "BKPSDM", "LAN RI", "Kementerian Dalam Negeri", "ASN Unggul")
LEADERSHIP = {
    "jpt_pratama": ("Pelatihan Kepemimpinan Nasional Tingkat II (PKN II)", 460.0),
    "administrator": ("Pelatihan Kepemimpinan Administrator (PKA)", 480.0),
    "pengawas": ("Pelatihan Kepemimpinan Pengawas (PKP)", 390.0),
}
DISCIPLINE = {
    "ringan": ("teguran lisan", "teguran tertulis", "pernyataan tidak puas secara tertulis"),
    "sedang": (
        "pemotongan tunjangan kinerja 25% selama 6 bulan",
        "pemotongan tunjangan kinerja 25% selama 9 bulan",
        "pemotongan tunjangan kinerja 25% selama 12 bulan",
    ),
    "berat": (
        "penurunan jabatan setingkat lebih rendah selama 12 bulan",
        "pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
        "pemberhentian dengan hormat tidak atas permintaan sendiri",
    ),
}
