"""The demo's rank histories: each PNS from the golongan of the appointment to the one held now.

A PNS enters at the golongan of the education (world.GOL_START) on the TMT CPNS and rises one
step at the first promotion period after 4 years in grade (PP 99/2000 Pasal 7), up to the
education's ceiling (GOL_CAP). Planted patterns: from 2024, when the annual predikat of the two
years before is known, a promotion waits while one of them is below Baik: always in Kota Medan,
at half of the periods in Kota Sawahlunto and Kabupaten Batanghari, never in Kota Tanjungbalai
(promotions there ignore performance); and in Tanjungbalai's Dinas Pekerjaan Umum dan Penataan
Ruang no promotion has been made since 2020, so its well-rated staff are overdue. Awards
(`rewards`): the Satyalancana Karya Satya at 10, 20 and 30 years of service, and each year about
1% of the staff rated the year before honoured as ASN berprestasi or for an innovation: in Medan
only staff rated Baik or better, in Batanghari anyone rated (awards there ignore performance),
elsewhere the well rated twice as likely. Structural
posts that need a higher golongan (jpt_pratama IV/c, administrator IV/a, pengawas III/c) reach
it by promotions of the kind pilihan_struktural after the last regular one.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from asn_analytics.synthetic.world import END, GOL_CAP, GOL_START, GOLONGAN_PNS
from asn_analytics.units import unit_id

# How often a promotion waits when the predikat of the two years before is below Baik.
WAITS = {"1275": 1.0, "1373": 0.5, "1504": 0.5, "1272": 0.0}
# How much more likely an award goes to staff rated Baik or better the year before.
AWARD_WEIGHT = {"1275": None, "1504": 1.0, "1373": 2.0, "1272": 2.0}  # None: only them
_GOOD = {"sangat_baik", "baik"}
# No promotion since this date in this unit.
STALLED = (unit_id("1272", "Dinas Pekerjaan Umum dan Penataan Ruang"), dt.date(2020, 1, 1))
_LEVEL_MIN = {"jpt_pratama": 13, "administrator": 11, "pengawas": 9}
_BELOW_BAIK = {"butuh_perbaikan", "kurang", "sangat_kurang"}


def _period_on_or_after(day: dt.date) -> dt.date:
    """The first promotion period on or after `day`: 1 April / 1 October until 2022, the first
    day of an even month (February ... December) from 2023."""
    months = (4, 10) if day.year < 2023 else (2, 4, 6, 8, 10, 12)
    for month in months:
        candidate = dt.date(day.year, month, 1)
        if candidate >= day:
            return candidate
    return _period_on_or_after(dt.date(day.year + 1, 1, 1))


def _plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Careers:
    """Mixin of the demo generator (draws from its `careers_rng`)."""

    def rank_history(self, staff: pd.DataFrame, appraisals: pd.DataFrame) -> pd.DataFrame:
        """Every PNS's ranks; sets staff['golongan'] of each PNS to the last of them."""
        worst_below = {
            (n, int(y)): p in _BELOW_BAIK
            for n, y, p in appraisals[["nip", "year", "predikat"]].itertuples(index=False)
        }
        rows: list[tuple] = []
        current: dict[int, str] = {}
        pns = staff[staff["employment_type"] == "PNS"]
        columns = ["nip", "region_code", "unit_id", "education_level", "position_level"]
        for index, nip, region, unit, education, level, tmt, stop in zip(
            pns.index,
            *(pns[c] for c in columns),
            pns["tmt_cpns"],
            pns["status_date"],
            strict=True,
        ):
            start = pd.Timestamp(tmt).date()
            last_day = END if pd.isna(stop) else min(END, pd.Timestamp(stop).date())
            rank = GOL_START[education]
            held_from = start
            rows.append((nip, GOLONGAN_PNS[rank], start, "pengadaan"))
            while rank < min(GOL_CAP[education], len(GOLONGAN_PNS) - 1):
                due = _period_on_or_after(_plus_years(held_from, 4))
                while (
                    due <= last_day
                    and due.year >= 2024
                    and (
                        worst_below.get((nip, due.year - 2)) or worst_below.get((nip, due.year - 1))
                    )
                    and self.careers_rng.random() < WAITS[region]
                ):
                    due = _period_on_or_after(dt.date(due.year + 1, 1, 1))
                if due > last_day or (unit == STALLED[0] and due >= STALLED[1]):
                    break
                rank += 1
                held_from = due
                rows.append((nip, GOLONGAN_PNS[rank], due, "reguler"))
            needed = _LEVEL_MIN.get(level, 0) - rank
            previous, held = held_from, rank
            for step in range(1, needed + 1):
                gap = (last_day - held_from) * step / (needed + 1)
                day = max(held_from + gap, previous + dt.timedelta(days=31)).replace(day=1)
                if day > last_day or (unit == STALLED[0] and day >= STALLED[1]):
                    break
                held = rank + step
                rows.append((nip, GOLONGAN_PNS[held], day, "pilihan_struktural"))
                previous = day
            current[index] = GOLONGAN_PNS[held]
        staff.loc[list(current), "golongan"] = list(current.values())
        frame = pd.DataFrame(rows, columns=["nip", "golongan", "tmt_golongan", "promotion_kind"])
        frame["tmt_golongan"] = pd.to_datetime(frame["tmt_golongan"])
        return frame

    def rewards(self, staff: pd.DataFrame, appraisals: pd.DataFrame) -> pd.DataFrame:
        """Long-service awards by the TMT, and performance awards 2023-2025 by the predikat of
        the year before (the planted pattern above)."""
        rng = self.careers_rng
        rows: list[tuple] = []
        tmt = pd.to_datetime(staff["tmt_cpns"])
        left = pd.to_datetime(staff["status_date"]).dt.year
        for years, kind in ((10, "karya_satya_10"), (20, "karya_satya_20"), (30, "karya_satya_30")):
            year = tmt.dt.year + years
            serving = left.isna() | (year <= left)
            due = staff[
                (staff["employment_type"] == "PNS") & year.between(2019, END.year) & serving
            ]
            rows += [(n, kind, int(y)) for n, y in zip(due["nip"], year[due.index], strict=True)]
        rated = appraisals[appraisals["period"] == "tahunan"].merge(
            staff[["nip", "region_code"]], on="nip"
        )
        for year in range(2023, END.year + 1):
            before = rated[rated["year"] == year - 1]
            for region, group in before.groupby("region_code"):
                good = group["predikat"].isin(_GOOD).to_numpy()
                factor = AWARD_WEIGHT[region]
                weight = good.astype(float) if factor is None else np.where(good, factor, 1.0)
                count = max(3, round(0.01 * len(group)))
                chosen = rng.choice(len(group), count, replace=False, p=weight / weight.sum())
                kinds = rng.choice(["asn_berprestasi", "inovasi"], count, p=[0.7, 0.3])
                rows += [
                    (n, k, year)
                    for n, k in zip(group["nip"].to_numpy()[chosen], kinds, strict=True)
                ]
        frame = pd.DataFrame(rows, columns=["nip", "kind", "year"]).drop_duplicates(
            ["nip", "kind", "year"]
        )
        names = {
            "karya_satya_10": "Satyalancana Karya Satya X Tahun",
            "karya_satya_20": "Satyalancana Karya Satya XX Tahun",
            "karya_satya_30": "Satyalancana Karya Satya XXX Tahun",
            "asn_berprestasi": "ASN Berprestasi",
            "inovasi": "Penghargaan Inovasi Daerah",
        }
        frame["name"] = frame["kind"].map(names)
        frame["source"] = np.where(
            frame["kind"].str.startswith("karya_satya"), "Presiden", "Kepala Daerah"
        )
        return frame
