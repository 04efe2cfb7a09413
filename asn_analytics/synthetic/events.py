"""The demo generator's appraisals, trainings, discipline, complaints and survey answers (a
part of demo._Generator)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from asn_analytics.synthetic.world import (
    APPRAISAL_YEARS,
    CELL_P_NORMAL,
    CELL_P_PUPR,
    CELL_P_STRICT,
    CELLS,
    COMPLAINT_CATEGORIES,
    DISCIPLINE,
    END,
    EXTRA_JP,
    IKM_ELEMENT_OFFSET,
    IKM_ELEMENTS,
    LEADERSHIP,
    MAIN_JP,
    MATRIX,
    MEDAN_NEW_CHANNEL,
    MEDAN_NEW_CHANNEL_PER_MONTH,
    MEDAN_NEW_CHANNEL_START,
    PREDIKAT_VALUE,
    PROVIDERS,
    SHORT_JP,
    TRAININGS,
    YEARS,
    RegionProfile,
)
from asn_analytics.units import unit_id


class Events:
    """What happens to the staff; self.rng and self.calendar come from demo._Generator."""

    rng: np.random.Generator
    calendar: np.busdaycalendar

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
