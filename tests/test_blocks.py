"""What a chart may draw: the blocks that apply the privacy rules for the pages."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from views import blocks

CTX = SimpleNamespace(pseudonym_key="test-key", lang="id")


def _scorecard() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["ikm"] * 3,
            "region_code": ["1275", "1272", "1373"],
            "region_name": ["Kota Medan", "Kota Tanjungbalai", "Kota Sawahlunto"],
            "year": [2025] * 3,
            "value": [81.5, 77.25, 90.0],
            "n": [3, 40, 60],
        }
    )


def test_a_chart_draws_no_figure_the_privacy_rules_hide():
    # Medan rests on 3 respondents: its value is hidden and its count is "<5". The regions' counts
    # add up to the selection's total, so the smallest other (Tanjungbalai's 40) is hidden too,
    # and the value resting on it. Sawahlunto's 60 and 90.0 show.
    drawn = blocks.visible(CTX, _scorecard(), "scorecard")
    assert drawn["value"].tolist()[2] == 90.0
    assert np.isnan(drawn["value"].tolist()[0]) and np.isnan(drawn["value"].tolist()[1])
    assert np.isnan(drawn["n"].tolist()[0]) and drawn["n"].tolist()[2] == 60
    assert blocks.hidden(CTX, _scorecard(), "scorecard").tolist() == [True, True, False]


def test_a_crosstab_shows_its_cells_as_the_rules_allow():
    codes = ["di_atas", "sesuai", "di_bawah"]
    cells = pd.DataFrame(
        [
            ("di_atas", "di_atas", 2),
            ("di_atas", "sesuai", 30),
            ("di_atas", "di_bawah", 40),
            ("sesuai", "di_atas", 20),
            ("sesuai", "sesuai", 50),
            ("sesuai", "di_bawah", 1200),
        ],
        columns=["result_rating", "behavior_rating", "n"],
    )
    numbers, text = blocks.crosstab(
        CTX,
        cells,
        "kuadran",
        index="result_rating",
        columns="behavior_rating",
        value="n",
        index_order=codes,
        column_order=codes[::-1],
    )
    # 2 is "<5"; its row and column each need a second hidden cell (30, 20), and 20's row then
    # another (50): none of them can be worked out by subtraction. An empty row shows 0.
    assert text.to_numpy().tolist() == [
        ["40", "–", "<5"],
        ["1.200", "–", "–"],
        ["0", "0", "0"],
    ]
    assert list(text.index) == ["Di atas ekspektasi", "Sesuai ekspektasi", "Di bawah ekspektasi"]
    assert list(text.columns)[0] == "Di bawah ekspektasi"
    assert numbers.iloc[0, 0] == 40 and numbers.iloc[1, 0] == 1200
    assert int(numbers.isna().sum().sum()) == 7  # hidden cells and the empty row are not coloured
