"""The demo generator's units, staff and NIPs (a part of demo._Generator)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asn_analytics.synthetic.world import (
    END,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    GOL_CAP,
    GOL_PPPK,
    GOL_START,
    GOLONGAN_PNS,
    KECAMATAN_SERVICES,
    KECAMATAN_WEIGHT,
    LAST_NAMES,
    OPD,
    YEARS,
    RegionProfile,
)
from asn_analytics.units import unit_id


class People:
    """Units and staff of one region; self.rng and self.calendar come from demo._Generator."""

    rng: np.random.Generator
    calendar: np.busdaycalendar

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
