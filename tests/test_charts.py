"""The charts say what they count: axis titles, n per bar, no share of too few sets, every
month of the grid with a legend (kamervragen.web.charts)."""

from __future__ import annotations

import re

from kamervragen.web.charts import MIN_SETS, draw


def test_a_share_of_too_few_sets_is_not_drawn_and_every_bar_says_its_n() -> None:
    rows = [("jaar", "beantwoord", "te laat", "aandeel"), ("1918", 1, 1, 1.0), ("2024", 48, 30, 0.625)]
    svg = draw("te-laat-per-jaar", "Aandeel te laat", rows)
    assert "te weinig (n=1)" in svg and "100%" not in svg.split("</desc>")[1], (
        "one 1918 set is no '100% late'"
    )
    assert "62% (n=48)" in svg
    assert len(re.findall(r"<rect ", svg)) == 1, f"only the share of {MIN_SETS} or more sets is a bar"
    assert "aandeel te laat beantwoord" in svg, "an axis title"


def test_the_grid_shows_empty_months_and_a_legend() -> None:
    rows = [("partij", "maand", "sets"), ("SP", "2024-01", 4), ("VVD", "2024-04", 2)]
    svg = draw("partijen-per-maand", "Per partij per maand", rows)
    months = re.findall(r"<title>SP (\d{4}-\d{2}): \d+</title>", svg)
    assert months == ["2024-01", "2024-02", "2024-03", "2024-04"], "February and March are shown, empty"
    assert "Sets per maand:" in svg and "maand (mm-jj)" in svg


def test_text_is_large_enough_for_a_phone() -> None:
    svg = draw("antwoordtijd", "Antwoordtijd", [("dagen", "sets"), ("0-21", 10), ("22-42", 4)])
    width = int(re.search(r'viewBox="0 0 (\d+)', svg).group(1))  # type: ignore[union-attr]
    smallest = min(int(s) for s in re.findall(r'font-size="(\d+)"', svg))
    assert smallest * 360 / width >= 10, "at 360 px the smallest text is at least 10 px"
