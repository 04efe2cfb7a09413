"""Indonesian working days: weekends, public holidays and cuti bersama are not working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import holidays
import numpy as np

# 'public' are the national holidays, 'government' the cuti bersama (joint leave days).
HOLIDAY_CATEGORIES = ("public", "government")


def holiday_dates(years: Iterable[int]) -> list[dt.date]:
    """Public holidays and cuti bersama of Indonesia in the given years, sorted."""
    calendar = holidays.country_holidays("ID", years=list(years), categories=HOLIDAY_CATEGORIES)
    return sorted(calendar)


def busday_calendar(years: Iterable[int]) -> np.busdaycalendar:
    """A numpy calendar with Monday-Friday working days less the holidays of `years`."""
    return np.busdaycalendar(weekmask="1111100", holidays=holiday_dates(years))
