"""Deterministic synthetic data for the four seed regions, 2021-2025 (appraisals 2022-2025).

Sizes follow the real regions (active ASN at the end of 2025). Planted patterns, each of which an
indicator must reveal:
- Sawahlunto's PNS 20-JP coverage climbs every year, from about 35% (2021) to about 80% (2025);
- Tanjungbalai's Dinas Pekerjaan Umum dan Penataan Ruang rates about 90% Sangat Baik in 2024 and
  2025 while its median achievement is below 95%;
- in Medan's Dinas Kependudukan dan Pencatatan Sipil one evaluator rates all ~12 ratees Sangat Baik
  in 2024 while the unit's other ratees are mostly Baik;
- Medan opens a new complaint channel in March 2024 and its monthly complaints more than double;
- Batanghari's IKM rises from mutu C (2021) to B (2025); Tanjungbalai's falls from B to C.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from asn_analytics import db, reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.satisfaction import ELEMENTS
from asn_analytics.settings import Settings
from asn_analytics.units import unit_id
from asn_analytics.workdays import busday_calendar

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


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.calendar = busday_calendar(range(2020, 2028))

    # -- units ---------------------------------------------------------------------------
    def units(self, p: RegionProfile) -> pd.DataFrame:
        rows = []
        for name, sector, weight, services in OPD:
            rows.append((unit_id(p.code, name), p.code, name, sector, weight, services, False))
        for kec in p.kecamatan:
            name = f"Kecamatan {kec}"
            rows.append(
                (
                    unit_id(p.code, name),
                    p.code,
                    name,
                    "kewilayahan",
                    KECAMATAN_WEIGHT,
                    KECAMATAN_SERVICES,
                    True,
                )
            )
        return pd.DataFrame(
            rows,
            columns=[
                "unit_id",
                "region_code",
                "name",
                "sector",
                "weight",
                "services",
                "is_kecamatan",
            ],
        )

    # -- staff ---------------------------------------------------------------------------
    def staff(self, p: RegionProfile, units: pd.DataFrame) -> pd.DataFrame:
        rng = self.rng
        scale = min(1.0, max(0.2, p.pns / 9726))
        parts = []
        # Structural positions: one JPT per OPD, administrators and pengawas scaled to size.
        for u in units.itertuples():
            n_admin = (1 + round(1 * scale)) if u.is_kecamatan else (1 + round(3 * scale))
            n_peng = (1 + round(2 * scale)) if u.is_kecamatan else (2 + round(6 * scale))
            if not u.is_kecamatan:
                parts.append(
                    self._positions(
                        1,
                        u.unit_id,
                        "PNS",
                        "struktural",
                        "jpt_pratama",
                        f"Kepala {u.name}"
                        if u.name.startswith(("Dinas", "Badan"))
                        else f"Pimpinan {u.name}",
                    )
                )
            parts.append(
                self._positions(
                    n_admin,
                    u.unit_id,
                    "PNS",
                    "struktural",
                    "administrator",
                    "Camat" if u.is_kecamatan else "Kepala Bidang",
                )
            )
            parts.append(
                self._positions(n_peng, u.unit_id, "PNS", "struktural", "pengawas", "Kepala Seksi")
            )
        struct = pd.concat(parts, ignore_index=True)
        uid = dict(zip(units["name"], units["unit_id"], strict=True))
        general = units[~units["sector"].isin(["pendidikan", "kesehatan"])]
        w = general["weight"].to_numpy(float)
        w /= w.sum()

        def spread(n: int) -> np.ndarray:
            return rng.choice(general["unit_id"].to_numpy(), size=n, p=w)

        n_pns_rest = p.pns - len(struct)
        n_guru = round(n_pns_rest * 0.42)
        n_nakes = round(n_pns_rest * 0.15)
        n_fung = round(n_pns_rest * 0.09)
        n_pel = n_pns_rest - n_guru - n_nakes - n_fung
        health = np.where(
            rng.random(n_nakes) < 0.6, uid["Dinas Kesehatan"], uid["Rumah Sakit Umum Daerah"]
        )
        pns = pd.concat(
            [
                struct,
                self._functional(n_guru, np.full(n_guru, uid["Dinas Pendidikan"]), "PNS", "guru"),
                self._functional(n_nakes, health, "PNS", "nakes"),
                self._functional(n_fung, spread(n_fung), "PNS", "umum"),
                self._positions(
                    n_pel,
                    spread(n_pel),
                    "PNS",
                    "pelaksana",
                    "pelaksana",
                    rng.choice(
                        [
                            "Pengelola Layanan Operasional",
                            "Penata Layanan Operasional",
                            "Operator Layanan Operasional",
                            "Pengadministrasi Perkantoran",
                        ],
                        n_pel,
                    ),
                ),
            ],
            ignore_index=True,
        )
        n_pg = round(p.pppk * 0.64)
        n_pn = round(p.pppk * 0.21)
        n_pt = p.pppk - n_pg - n_pn
        health = np.where(
            rng.random(n_pn) < 0.6, uid["Dinas Kesehatan"], uid["Rumah Sakit Umum Daerah"]
        )
        pppk = pd.concat(
            [
                self._functional(n_pg, np.full(n_pg, uid["Dinas Pendidikan"]), "PPPK", "guru"),
                self._functional(n_pn, health, "PPPK", "nakes"),
                self._positions(
                    n_pt,
                    spread(n_pt),
                    "PPPK",
                    "pelaksana",
                    "pelaksana",
                    "Pengelola Layanan Operasional",
                ),
            ],
            ignore_index=True,
        )
        active = pd.concat([pns, pppk], ignore_index=True)
        active["status"] = "aktif"
        active["status_date"] = pd.NaT
        self._people(active, departed=False)
        gone = self._departed(p, units, spread)
        staff = pd.concat([active, gone], ignore_index=True)
        staff["region_code"] = p.code
        return staff

    def _positions(self, n, unit, etype, ptype, level, pname) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "unit_id": np.broadcast_to(np.asarray(unit, dtype=object), (n,)).copy(),
                "employment_type": etype,
                "position_type": ptype,
                "position_level": level,
                "position_name": np.broadcast_to(np.asarray(pname, dtype=object), (n,)).copy(),
                "kind": "struktural" if ptype == "struktural" else "pelaksana",
            }
        )

    def _functional(self, n: int, units: np.ndarray, etype: str, kind: str) -> pd.DataFrame:
        rng = self.rng
        if kind == "guru":
            base = np.full(n, "Guru", dtype=object)
            p_lv = [0.40, 0.45, 0.15] if etype == "PNS" else [0.9, 0.1, 0.0]
            level = rng.choice(["ahli_pertama", "ahli_muda", "ahli_madya"], n, p=p_lv)
        elif kind == "nakes":
            base = rng.choice(
                ["Perawat", "Bidan", "Dokter", "Apoteker", "Pranata Laboratorium Kesehatan"],
                n,
                p=[0.45, 0.25, 0.15, 0.05, 0.10],
            )
            skilled = np.isin(base, ["Perawat", "Bidan", "Pranata Laboratorium Kesehatan"]) & (
                rng.random(n) < 0.55
            )
            level = np.where(
                skilled,
                rng.choice(["terampil", "mahir", "penyelia"], n, p=[0.35, 0.4, 0.25]),
                rng.choice(
                    ["ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"],
                    n,
                    p=[0.42, 0.38, 0.19, 0.01] if etype == "PNS" else [0.9, 0.1, 0.0, 0.0],
                ),
            )
        else:
            base = rng.choice(
                [
                    "Analis Kebijakan",
                    "Auditor",
                    "Perencana",
                    "Pranata Komputer",
                    "Analis Keuangan Pusat dan Daerah",
                    "Arsiparis",
                    "Penyuluh Pertanian",
                ],
                n,
            )
            level = rng.choice(["ahli_pertama", "ahli_muda", "ahli_madya"], n, p=[0.45, 0.4, 0.15])
        label = pd.Series(level).str.replace("_", " ").str.title().to_numpy()
        return pd.DataFrame(
            {
                "unit_id": units,
                "employment_type": etype,
                "position_type": "fungsional",
                "position_level": level,
                "position_name": [f"{b} {lv}" for b, lv in zip(base, label, strict=True)],
                "kind": kind,
            }
        )

    def _bup(self, staff: pd.DataFrame) -> np.ndarray:
        """Retirement age (BUP) by position: 58, 60 or 65."""
        level = staff["position_level"].to_numpy()
        bup = np.full(len(staff), 58)
        bup[np.isin(level, ["jpt_pratama", "jpt_madya", "jpt_utama", "ahli_madya"])] = 60
        bup[(staff["kind"] == "guru").to_numpy()] = 60
        bup[level == "ahli_utama"] = 65
        return bup

    def _people(self, s: pd.DataFrame, departed: bool) -> None:
        """Fill gender, birth date, appointment, education, golongan and name."""
        rng = self.rng
        n = len(s)
        end = np.datetime64(END)
        pns = (s["employment_type"] == "PNS").to_numpy()
        level = s["position_level"].to_numpy()
        kind = s["kind"].to_numpy()
        female_p = np.select(
            [kind == "guru", kind == "nakes", kind == "struktural"], [0.72, 0.78, 0.35], 0.45
        )
        s["gender"] = np.where(rng.random(n) < female_p, "P", "L")
        if not departed:
            bup = self._bup(s)
            low = np.select(
                [level == "jpt_pratama", level == "administrator", level == "pengawas"],
                [42.0, 36.0, 30.0],
                23.0,
            )
            low = np.where(pns, low, 24.0)
            age = rng.triangular(low, np.maximum(low + 1, 44.0), bup - 0.05)
            # An ageing workforce: a quarter within ten years of retirement, so that about
            # 2-3% of PNS reach their BUP each year, as in regional governments.
            senior = rng.random(n) < 0.25
            near = rng.uniform(np.maximum(low, bup - 10.0), bup - 0.05)
            age = np.where(senior, near, age)
            birth = end - np.round(age * 365.25).astype("timedelta64[D]")
            s["birth_date"] = birth
        birth = s["birth_date"].to_numpy().astype("datetime64[D]")
        birth_year = birth.astype("datetime64[Y]").astype(int) + 1970
        age_end = (np.datetime64(END) - birth).astype(int) / 365.25
        # PNS: TMT CPNS between age 20 and 35, at most mid-2025; PPPK: appointed 2019-2025.
        start_age = rng.uniform(20.0, np.minimum(35.0, np.maximum(20.5, age_end - 0.6)))
        tmt = birth + np.round(start_age * 365.25).astype("timedelta64[D]")
        tmt = np.minimum(tmt, np.datetime64("2025-06-01"))
        tmt = tmt.astype("datetime64[M]").astype("datetime64[D]")
        appt_year = rng.choice(
            [2019, 2021, 2022, 2023, 2024, 2025], n, p=[0.04, 0.2, 0.22, 0.24, 0.2, 0.1]
        )
        if departed:
            appt_year = np.minimum(appt_year, 2021)
        appt_year = np.maximum(appt_year, birth_year + 20)
        appt = (appt_year - 1970).astype("datetime64[Y]").astype("datetime64[M]") + 2
        tmt = np.where(pns, tmt, appt.astype("datetime64[D]"))
        s["tmt_cpns"] = tmt
        # Education by position.
        edu = np.empty(n, dtype=object)
        for k, choices, probs in (
            ("guru", ["S1", "S2", "D4"], [0.84, 0.13, 0.03]),
            ("nakes", ["D3", "D4", "S1", "S2"], [0.50, 0.12, 0.32, 0.06]),
            ("umum", ["S1", "S2", "D4"], [0.7, 0.25, 0.05]),
            ("struktural", ["S1", "S2", "S3", "D4"], [0.55, 0.40, 0.02, 0.03]),
            ("pelaksana", ["SMP", "SLTA", "D3", "S1"], [0.02, 0.40, 0.20, 0.38]),
        ):
            mask = kind == k
            edu[mask] = rng.choice(choices, mask.sum(), p=probs)
        doctor = s["position_name"].astype(str).str.startswith(("Dokter", "Apoteker")).to_numpy()
        edu[doctor & np.isin(edu, ["D3", "D4"])] = "S1"
        edu[(level == "ahli_utama")] = "S2"
        s["education_level"] = edu
        service = (np.datetime64(END) - tmt.astype("datetime64[D]")).astype(int) / 365.25
        idx = np.array([GOL_START[e] for e in edu]) + np.floor(np.maximum(service, 0) / 4).astype(
            int
        )
        idx = np.minimum(idx, np.array([GOL_CAP[e] for e in edu]))
        idx = np.where(level == "jpt_pratama", np.maximum(idx, 13), idx)
        idx = np.where(level == "administrator", np.maximum(idx, 11), idx)
        idx = np.where(level == "pengawas", np.maximum(idx, 9), idx)
        s["golongan"] = np.where(
            pns,
            np.array(GOLONGAN_PNS, dtype=object)[np.minimum(idx, 16)],
            np.array([GOL_PPPK[e] for e in edu], dtype=object),
        )
        first = np.where(
            s["gender"] == "P", rng.choice(FIRST_NAMES_F, n), rng.choice(FIRST_NAMES_M, n)
        )
        s["name"] = [f"{a} {b}" for a, b in zip(first, rng.choice(LAST_NAMES, n), strict=True)]

    def _departed(self, p: RegionProfile, units: pd.DataFrame, spread) -> pd.DataFrame:
        """Staff who retired, resigned or died during 2021-2025 (in service before that)."""
        rng = self.rng
        n_ret = round(p.pns * 0.028) * len(YEARS)
        n_other = round((p.pns + p.pppk) * 0.003) * len(YEARS)
        uid = dict(zip(units["name"], units["unit_id"], strict=True))
        guru = rng.random(n_ret) < 0.4
        ret = pd.concat(
            [
                self._functional(
                    int(guru.sum()),
                    np.full(int(guru.sum()), uid["Dinas Pendidikan"]),
                    "PNS",
                    "guru",
                ),
                self._positions(
                    int((~guru).sum()),
                    spread(int((~guru).sum())),
                    "PNS",
                    "pelaksana",
                    "pelaksana",
                    "Pengelola Layanan Operasional",
                ),
            ],
            ignore_index=True,
        )
        bup = self._bup(ret)
        month = rng.integers(1, 60, len(ret))  # retirement month index from 2021-02
        pension = np.datetime64("2021-01", "M") + month.astype("timedelta64[M]")
        bday = (pension - 1).astype("datetime64[D]") + rng.integers(0, 28, len(ret)).astype(
            "timedelta64[D]"
        )
        by = bday.astype("datetime64[Y]").astype(int) + 1970 - bup
        birth = np.array(
            [
                np.datetime64(f"{y:04d}-{str(d)[5:]}")
                for y, d in zip(by, bday.astype(str), strict=True)
            ],
            dtype="datetime64[D]",
        )
        ret["birth_date"] = birth
        ret["status"] = "pensiun"
        ret["status_date"] = pension.astype("datetime64[D]")
        other = self._positions(
            n_other,
            spread(n_other),
            "PNS",
            "pelaksana",
            "pelaksana",
            "Pengelola Layanan Operasional",
        )
        age = rng.uniform(28, 56, n_other)
        other["birth_date"] = np.datetime64("2021-01-01") - np.round(age * 365.25).astype(
            "timedelta64[D]"
        )
        other["status"] = rng.choice(
            ["berhenti", "meninggal", "pindah"], n_other, p=[0.4, 0.3, 0.3]
        )
        other["status_date"] = np.datetime64("2021-01-01") + rng.integers(0, 1825, n_other).astype(
            "timedelta64[D]"
        )
        gone = pd.concat([ret, other], ignore_index=True)
        self._people(gone, departed=True)
        return gone

    # -- NIPs ----------------------------------------------------------------------------
    def assign_nips(self, staff: pd.DataFrame) -> None:
        birth = pd.to_datetime(staff["birth_date"]).dt.strftime("%Y%m%d")
        tmt = pd.to_datetime(staff["tmt_cpns"])
        g = np.where(staff["gender"] == "L", "1", "2")
        pns = staff["employment_type"] == "PNS"
        prefix = np.where(
            pns, birth + tmt.dt.strftime("%Y%m") + g, birth + tmt.dt.strftime("%Y") + "21" + g
        )
        staff["_prefix"] = prefix
        seq = staff.groupby("_prefix").cumcount() + 1
        staff["nip"] = staff["_prefix"] + seq.map("{:03d}".format)
        del staff["_prefix"]

    # -- appraisals ----------------------------------------------------------------------
    def appraisals(self, staff: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
        rng = self.rng
        evaluator = self._evaluators(staff, units)
        frames = []
        tanjung_pupr = unit_id("1272", "Dinas Pekerjaan Umum dan Penataan Ruang")
        medan_dukcapil = unit_id("1275", "Dinas Kependudukan dan Pencatatan Sipil")
        lenient = self._lenient_evaluator(staff, evaluator, medan_dukcapil)
        for year in APPRAISAL_YEARS:
            s = staff[_in_service(staff, year)]
            n = len(s)
            probs = np.tile(CELL_P_NORMAL, (n, 1))
            unit = s["unit_id"].to_numpy()
            ev = evaluator.reindex(s.index).to_numpy()
            if year >= 2024:
                probs[unit == tanjung_pupr] = CELL_P_PUPR
            if year == 2024:
                probs[(unit == medan_dukcapil) & (ev != lenient)] = CELL_P_STRICT
            cum = probs.cumsum(axis=1)
            cell = (rng.random(n)[:, None] > cum).sum(axis=1).clip(0, 8)
            if year >= 2024:
                pupr = np.flatnonzero(unit == tanjung_pupr)
                top = rng.permutation(pupr)[: round(0.9 * len(pupr))]
                cell[pupr] = CELLS.index(("sesuai", "sesuai"))
                cell[top] = 0
            if year == 2024:
                cell[(unit == medan_dukcapil) & (ev == lenient)] = 0
            planted = (ev == lenient) & (year == 2024)
            cell = self._somebody_below_baik(cell, unit, exempt={tanjung_pupr}, fixed=planted)
            cell = self._calm_evaluators(cell, unit, ev, keep={tanjung_pupr}, lenient=lenient)
            result = np.array([c[0] for c in CELLS], dtype=object)[cell]
            behavior = np.array([c[1] for c in CELLS], dtype=object)[cell]
            a = pd.DataFrame(
                {
                    "nip": s["nip"].to_numpy(),
                    "year": year,
                    "period": "tahunan",
                    "result_rating": result,
                    "behavior_rating": behavior,
                    "evaluator_nip": ev,
                    "unit_id": unit,
                }
            )
            a["predikat"] = [
                MATRIX[(r, b)]
                for r, b in zip(a["result_rating"], a["behavior_rating"], strict=True)
            ]
            mean = (
                a["result_rating"]
                .map({"di_atas": 112.0, "sesuai": 101.0, "di_bawah": 82.0})
                .to_numpy()
            )
            sd = a["result_rating"].map({"di_atas": 6.0, "sesuai": 4.0, "di_bawah": 8.0}).to_numpy()
            ach = rng.normal(mean, sd)
            if year >= 2024:
                pupr = a["unit_id"].to_numpy() == tanjung_pupr
                ach[pupr] = rng.normal(91.0, 5.0, pupr.sum())
            a["achievement_pct"] = np.round(np.clip(ach, 40, 150), 2)
            frames.append(a.drop(columns="unit_id"))
        return pd.concat(frames, ignore_index=True)

    def _calm_evaluators(self, cell, unit, ev, keep: set[str], lenient: str) -> np.ndarray:
        """Turn chance clusters of Sangat Baik under one evaluator into Baik.

        With a few hundred evaluators, some small group would otherwise stand out by chance
        and blur the one lenient evaluator the demo plants.
        """
        value = np.array([PREDIKAT_VALUE[MATRIX[c]] for c in CELLS])
        cell = cell.copy()
        baik = CELLS.index(("sesuai", "sesuai"))
        for _ in range(5):
            df = pd.DataFrame({"u": unit, "e": ev, "v": value[cell].astype(float)})
            df = df[~df["u"].isin(keep)]
            df["v2"] = df["v"] ** 2
            tot = df.groupby("u")[["v", "v2"]].sum()
            counts = df.groupby("u").size()
            df = df[df["e"].notna() & df["e"].ne(lenient)]
            grp = df.groupby(["u", "e"])[["v", "v2"]].agg(["sum", "count"])
            g = pd.DataFrame(
                {"n": grp[("v", "count")], "s": grp[("v", "sum")], "s2": grp[("v2", "sum")]}
            )
            g = g.join(tot.rename(columns={"v": "ts", "v2": "ts2"}), on="u")
            g["tn"] = counts.reindex(g.index.get_level_values("u")).to_numpy()
            on = g["tn"] - g["n"]
            mo = (g["ts"] - g["s"]) / on
            sd = np.sqrt(np.maximum((g["ts2"] - g["s2"]) / on - mo**2, 0))
            z = (g["s"] / g["n"] - mo) / sd.where(sd > 0)
            hot = g.index[(g["n"] >= 5) & (on > 0) & (z > 1.8)]
            if len(hot) == 0:
                break
            hot_mask = pd.MultiIndex.from_arrays([unit, ev]).isin(hot)
            cell[hot_mask & (cell == 0)] = baik
        return cell

    def _somebody_below_baik(
        self, cell: np.ndarray, unit: np.ndarray, exempt: set[str], fixed: np.ndarray
    ) -> np.ndarray:
        """Give every unit of 20+ ratees at least one rating below Baik, as real units have."""
        below = np.isin(cell, [i for i, c in enumerate(CELLS) if PREDIKAT_VALUE[MATRIX[c]] < 100])
        stats = pd.DataFrame({"u": unit, "b": below}).groupby("u")["b"].agg(["size", "sum"])
        cell = cell.copy()
        for u in stats[(stats["size"] >= 20) & (stats["sum"] == 0)].index.difference(list(exempt)):
            candidates = np.flatnonzero((unit == u) & ~fixed)
            cell[self.rng.choice(candidates)] = CELLS.index(("di_bawah", "sesuai"))
        return cell

    def _evaluators(self, staff: pd.DataFrame, units: pd.DataFrame) -> pd.Series:
        """Each staff member's evaluator NIP, stable over the years (None for a JPT)."""
        rng = self.rng
        out = pd.Series(None, index=staff.index, dtype=object)
        level = staff["position_level"]
        sekda = {}
        for region, g in staff[level.eq("jpt_pratama")].groupby("region_code"):
            sek = g[g["unit_id"].str.endswith(":sekretariat daerah")]
            sekda[region] = sek["nip"].iloc[0]
        for _unit, g in staff.groupby("unit_id", sort=True):
            jpt = g.index[g["position_level"].eq("jpt_pratama")]
            admin = g.index[g["position_level"].eq("administrator")]
            peng = g.index[g["position_level"].eq("pengawas")]
            head = staff.loc[jpt[0], "nip"] if len(jpt) else sekda[g["region_code"].iloc[0]]
            out[admin] = head
            if len(admin):
                out[peng] = staff.loc[rng.choice(admin, len(peng)), "nip"].to_numpy()
            else:
                out[peng] = head
            rest = g.index.difference(jpt.union(admin).union(peng))
            evaluators = list(peng) + list(admin)
            need = int(np.ceil(len(rest) / 12))
            if need > len(evaluators):
                senior = g.index[g["position_level"].isin(["ahli_madya", "ahli_muda", "penyelia"])]
                extra = rng.choice(senior, min(len(senior), need - len(evaluators)), replace=False)
                evaluators += list(extra)
            evaluators = np.array(evaluators[: max(need, 1)])
            order = rng.permutation(rest.to_numpy())
            chosen = evaluators[np.arange(len(order)) % len(evaluators)]
            # An evaluator never rates themself: swap such ratees with the next group.
            ev_nip = staff.loc[chosen, "nip"].to_numpy()
            own = staff.loc[order, "nip"].to_numpy() == ev_nip
            if own.any() and len(evaluators) > 1:
                ev_nip[own] = staff.loc[np.roll(chosen, 1)[own], "nip"].to_numpy()
            elif own.any():
                ev_nip[own] = head
            out[order] = ev_nip
        return out

    def _lenient_evaluator(self, staff: pd.DataFrame, evaluator: pd.Series, unit: str) -> str:
        in_unit = staff["unit_id"].eq(unit) & _in_service(staff, 2024)
        sizes = evaluator[in_unit].value_counts()
        return (sizes - 12).abs().sort_values(kind="stable").index[0]

    # -- trainings -----------------------------------------------------------------------
    def trainings(self, staff: pd.DataFrame, profiles: dict[str, RegionProfile]) -> pd.DataFrame:
        rng = self.rng
        frames = []
        for yi, year in enumerate(YEARS):
            s = staff[_in_service(staff, year)]
            n = len(s)
            pns = (s["employment_type"] == "PNS").to_numpy()
            p_reach = (
                s["region_code"].map({c: pr.coverage[yi] for c, pr in profiles.items()}).to_numpy()
            )
            p_reach = np.where(pns, p_reach, 0.3)
            reach = rng.random(n) < p_reach
            # Reaching 20 JP: one main training and up to two short ones (PPPK: one, at most 24 JP).
            n_tr = np.where(
                reach,
                1 + rng.binomial(2, 0.35, n),
                np.where(rng.random(n) < 0.5, 0, 1 + rng.binomial(1, 0.4, n)),
            )
            n_tr = np.where(~pns & reach, 1, n_tr)
            rep = np.repeat(np.arange(n), n_tr)
            k = np.concatenate([np.arange(c) for c in n_tr]) if len(rep) else np.array([], int)
            r = reach[rep]
            jp = np.where(
                r & (k == 0),
                rng.choice(MAIN_JP, len(rep)),
                np.where(r, rng.choice(EXTRA_JP, len(rep)), rng.choice(SHORT_JP, len(rep))),
            )
            jp = np.where(~pns[rep] & r, rng.choice([20.0, 24.0], len(rep)), jp)
            cat = rng.choice(list(TRAININGS), len(rep), p=[0.5, 0.25, 0.1, 0.07, 0.08])
            title = np.array(
                [
                    TRAININGS[c][i % len(TRAININGS[c])]
                    for c, i in zip(cat, rng.integers(0, 100, len(rep)), strict=True)
                ],
                dtype=object,
            )
            doy = (rng.integers(10, 120, len(rep)) + k * 110) % 340 + 10
            start = np.datetime64(f"{year}-01-01") + doy.astype("timedelta64[D]")
            days = np.maximum(1, np.ceil(jp / 8)).astype(int)
            frames.append(
                pd.DataFrame(
                    {
                        "nip": s["nip"].to_numpy()[rep],
                        "title": title,
                        "category": cat,
                        "method": np.where(rng.random(len(rep)) < 0.55, "klasikal", "nonklasikal"),
                        "start_date": start,
                        "end_date": start + (days - 1).astype("timedelta64[D]"),
                        "hours_jp": jp,
                        "provider": rng.choice(PROVIDERS, len(rep)),
                    }
                )
            )
            # Basic training (Latsar) for the year's new CPNS.
            new = s[pns & (pd.to_datetime(s["tmt_cpns"]).dt.year == year).to_numpy()]
            if len(new):
                start = pd.to_datetime(new["tmt_cpns"]).to_numpy().astype("datetime64[D]") + 60
                start = np.minimum(start, np.datetime64(f"{year}-11-01"))
                frames.append(
                    pd.DataFrame(
                        {
                            "nip": new["nip"].to_numpy(),
                            "title": "Pelatihan Dasar CPNS",
                            "category": "latsar",
                            "method": "klasikal",
                            "start_date": start,
                            "end_date": start + 50,
                            "hours_jp": 300.0,
                            "provider": "BPSDM Provinsi",
                        }
                    )
                )
        # Leadership training for about half of the structural officials, once.
        lead = staff[staff["position_level"].isin(list(LEADERSHIP)) & staff["status"].eq("aktif")]
        lead = lead[rng.random(len(lead)) < 0.5]
        year = rng.choice(YEARS, len(lead))
        start = np.array([np.datetime64(f"{y}-03-01") for y in year]) + rng.integers(
            0, 150, len(lead)
        )
        frames.append(
            pd.DataFrame(
                {
                    "nip": lead["nip"].to_numpy(),
                    "title": [LEADERSHIP[lv][0] for lv in lead["position_level"]],
                    "category": "kepemimpinan",
                    "method": "klasikal",
                    "start_date": start,
                    "end_date": start + 120,
                    "hours_jp": [LEADERSHIP[lv][1] for lv in lead["position_level"]],
                    "provider": "BPSDM Provinsi",
                }
            )
        )
        out = pd.concat(frames, ignore_index=True)
        return out.drop_duplicates(["nip", "title", "start_date"], ignore_index=True)

    # -- discipline ----------------------------------------------------------------------
    def discipline(self, staff: pd.DataFrame) -> pd.DataFrame:
        rng = self.rng
        frames = []
        for year in YEARS:
            s = staff[_in_service(staff, year)]
            pick = s[rng.random(len(s)) < 0.01]
            level = rng.choice(list(DISCIPLINE), len(pick), p=[0.6, 0.28, 0.12])
            frames.append(
                pd.DataFrame(
                    {
                        "nip": pick["nip"].to_numpy(),
                        "decision_date": np.datetime64(f"{year}-01-15")
                        + rng.integers(0, 330, len(pick)),
                        "level": level,
                        "type": [
                            DISCIPLINE[lv][i]
                            for lv, i in zip(level, rng.integers(0, 3, len(pick)), strict=True)
                        ],
                    }
                )
            )
        return pd.concat(frames, ignore_index=True).drop_duplicates(
            ["nip", "decision_date", "level"]
        )

    # -- complaints ----------------------------------------------------------------------
    def complaints(self, p: RegionProfile, units: pd.DataFrame) -> pd.DataFrame:
        rng = self.rng
        months = pd.period_range("2021-01", "2025-12", freq="M")
        season = 1 + 0.12 * np.sin(2 * np.pi * (months.month.to_numpy() - 3) / 12)
        lam = p.complaints_per_month * season
        counts = rng.poisson(lam)
        new_channel = np.zeros(len(months), int)
        if p.code == "1275":
            opened = months >= pd.Period(MEDAN_NEW_CHANNEL_START, "M")
            new_channel[opened] = rng.poisson(MEDAN_NEW_CHANNEL_PER_MONTH * season[opened])
        total = counts + new_channel
        month_idx = np.repeat(np.arange(len(months)), total)
        is_new = np.concatenate(
            [
                np.r_[np.zeros(c, bool), np.ones(m, bool)]
                for c, m in zip(counts, new_channel, strict=True)
            ]
        )
        n = len(month_idx)
        start = months.start_time.to_numpy().astype("datetime64[D]")[month_idx]
        days_in = months.days_in_month.to_numpy()[month_idx]
        day = start + (rng.random(n) * days_in).astype(int).astype("timedelta64[D]")
        received = day.astype("datetime64[s]") + rng.integers(7 * 3600, 22 * 3600, n).astype(
            "timedelta64[s]"
        )
        channels = ["LAPOR!", "media sosial", "SMS 1708", "langsung"]
        probs = [0.5, 0.25, 0.1, 0.15]
        if p.own_channel:
            channels.append(p.own_channel)
            probs = [0.4, 0.2, 0.08, 0.12, 0.2]
        channel = np.where(is_new, MEDAN_NEW_CHANNEL, rng.choice(channels, n, p=probs))
        cats = list(COMPLAINT_CATEGORIES)
        category = rng.choice(cats, n, p=[COMPLAINT_CATEGORIES[c][0] for c in cats])
        sector_unit = {}
        for c in cats:
            sector = COMPLAINT_CATEGORIES[c][1]
            ids = units.loc[units["sector"].eq(sector), "unit_id"].to_numpy()
            sector_unit[c] = ids
        unit = np.array(
            [
                sector_unit[c][i % len(sector_unit[c])]
                for c, i in zip(category, rng.integers(0, 10, n), strict=True)
            ],
            dtype=object,
        )
        unit[rng.random(n) < 0.05] = None
        # Working-day lags: verification, first follow-up; calendar days to closing.
        v_lag = rng.choice(
            [0, 1, 2, 3, 4, 5, 7, 10], n, p=[0.3, 0.3, 0.15, 0.12, 0.06, 0.04, 0.02, 0.01]
        )
        r_lag = rng.choice(
            [0, 1, 2, 3, 4, 5, 6, 8, 12], n, p=[0.1, 0.25, 0.2, 0.15, 0.1, 0.09, 0.05, 0.04, 0.02]
        )
        c_lag = np.round(rng.lognormal(np.log(10), 0.9, n)).astype(int)
        vday = np.busday_offset(day, v_lag, roll="forward", busdaycal=self.calendar)
        rday = np.busday_offset(vday, r_lag, roll="forward", busdaycal=self.calendar)
        cday = np.maximum(rday, day + c_lag.astype("timedelta64[D]"))
        hours = lambda: rng.integers(8 * 3600, 16 * 3600, n).astype("timedelta64[s]")  # noqa: E731
        verified = np.maximum(vday.astype("datetime64[s]") + hours(), received)
        responded = np.maximum(rday.astype("datetime64[s]") + hours(), verified)
        closed = np.maximum(cday.astype("datetime64[s]") + hours(), responded)
        as_of = np.datetime64(END) + np.timedelta64(1, "D")
        status = np.full(n, "selesai", dtype=object)
        outside = rng.random(n)
        no_resp = outside < 0.03
        archived = (outside >= 0.03) & (outside < 0.05)
        stalled = (outside >= 0.05) & (outside < 0.06)
        status[no_resp] = "bukan_wewenang"
        status[archived] = "arsip"
        status[stalled] = "tunda"
        responded = np.where(no_resp | archived, np.datetime64("NaT"), responded)
        closed = np.where(no_resp | archived, verified, closed)
        responded_or = responded
        closed = np.where(stalled, np.datetime64("NaT"), closed)
        # Steps not reached by the end of the data are not done yet.
        verified = np.where(verified >= as_of, np.datetime64("NaT"), verified)
        responded_or = np.where(responded_or >= as_of, np.datetime64("NaT"), responded_or)
        closed = np.where(closed >= as_of, np.datetime64("NaT"), closed)
        open_ = np.isnat(closed) & ~stalled
        status[open_ & np.isnat(verified)] = "baru"
        status[open_ & ~np.isnat(verified) & np.isnat(responded_or)] = "terverifikasi"
        status[open_ & ~np.isnat(responded_or)] = "proses"
        month_code = pd.Series(months.strftime("%Y%m").to_numpy()[month_idx])
        seq = month_code.groupby(month_code).cumcount() + 1
        return pd.DataFrame(
            {
                "complaint_id": (
                    p.code + "-" + month_code + "-" + seq.map("{:05d}".format)
                ).to_numpy(),
                "region_code": p.code,
                "unit_id": unit,
                "channel": channel,
                "category": category,
                "received_at": received,
                "verified_at": verified,
                "first_response_at": responded_or,
                "closed_at": closed,
                "status": status,
            }
        )

    # -- IKM -----------------------------------------------------------------------------
    def ikm(self, p: RegionProfile, units: pd.DataFrame) -> pd.DataFrame:
        rng = self.rng
        service_units = units[units["services"].notna()]
        kec = service_units[service_units["is_kecamatan"]]
        service_units = pd.concat([service_units[~service_units["is_kecamatan"]], kec.head(3)])
        unit_offset = dict(
            zip(service_units["unit_id"], rng.normal(0, 0.09, len(service_units)), strict=True)
        )
        frames = []
        for yi, year in enumerate(YEARS):
            for u in service_units.itertuples():
                n = rng.poisson(p.survey_per_unit)
                m = p.ikm_mean[yi] + unit_offset[u.unit_id] + np.array(IKM_ELEMENT_OFFSET)
                p4 = np.clip((m - 2.39) / 2, 0.0, 0.59)
                p1, p2, p3 = 0.01, 0.59 - p4, 0.40
                draw = rng.random((n, 9))
                ans = 1 + (draw > p1) + (draw > p1 + p2) + (draw > p1 + p2 + p3)
                ans = ans.astype(float)
                ans[rng.random((n, 9)) < 0.005] = np.nan
                df = pd.DataFrame(ans, columns=list(IKM_ELEMENTS)).astype("Int8")
                df["survey_date"] = np.datetime64(f"{year}-01-02") + rng.integers(0, 363, n)
                df["service"] = rng.choice(list(u.services), n)
                df["unit_id"] = u.unit_id
                frames.append(df)
        out = pd.concat(frames, ignore_index=True)
        out["region_code"] = p.code
        out["response_id"] = [f"DEMO-{p.code}-{i:06d}" for i in range(1, len(out) + 1)]
        return out


def _in_service(staff: pd.DataFrame, year: int) -> np.ndarray:
    """Appointed by 31 Dec of `year` and still active, or left after it (the SQL macro
    in_service of metrics/common.sql)."""
    end = pd.Timestamp(year, 12, 31)
    tmt = pd.to_datetime(staff["tmt_cpns"])
    left = pd.to_datetime(staff["status_date"])
    return ((tmt <= end) & (staff["status"].eq("aktif") | (left > end))).to_numpy()


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """All demo tables as DataFrames with the schema's column names."""
    gen = _Generator(seed)
    profiles = {p.code: p for p in PROFILES}
    units, staff, complaints, ikm = [], [], [], []
    for p in PROFILES:
        u = gen.units(p)
        units.append(u)
        staff.append(gen.staff(p, u))
        complaints.append(gen.complaints(p, u))
        ikm.append(gen.ikm(p, u))
    units_df = pd.concat(units, ignore_index=True)
    staff_df = pd.concat(staff, ignore_index=True)
    gen.assign_nips(staff_df)
    return {
        "units": units_df.assign(
            parent_id=[
                unit_id(r, UNDER[n]) if n in UNDER else None
                for r, n in zip(units_df["region_code"], units_df["name"], strict=True)
            ]
        )[["unit_id", "region_code", "name", "sector", "parent_id"]],
        "staff": staff_df.drop(columns=["kind"]),
        "appraisals": gen.appraisals(staff_df, units_df),
        "trainings": gen.trainings(staff_df, profiles),
        "discipline": gen.discipline(staff_df),
        "complaints": pd.concat(complaints, ignore_index=True),
        "ikm_responses": pd.concat(ikm, ignore_index=True),
    }


def write(con, tables: dict[str, pd.DataFrame], seed: int) -> None:
    """Insert the generated tables into an empty schema, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name, df in tables.items():
            con.register("demo_frame", df)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM demo_frame")  # noqa: S608
            con.unregister("demo_frame")
        db.set_meta(con, "demo", "true")
        db.set_meta(con, "demo_seed", str(seed))
        con.execute("COMMIT")
    except Exception:
        db.rollback(con)
        raise


def build(
    path: Path | str, seed: int = DEFAULT_SEED, settings: Settings | None = None
) -> dict[str, int]:
    """Write the demo database to `path` atomically (a temporary file renamed into place)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = generate(seed)
    fd, tmp = tempfile.mkstemp(prefix=".demo-", suffix=".duckdb", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        con = db.connect(tmp, settings=settings)
        try:
            write(con, tables, seed)
            summaries.refresh(con)
            con.execute("CHECKPOINT")
            counts = db.table_counts(con)
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return counts
