"""Numbers as reports write them."""

from __future__ import annotations

import pytest

from jigong.pipeline.extract.numbers import chinese_to_number, find_numbers


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate"),
    [
        ("在校生12,860人", 12860, "人", False),
        ("１２，８６０人", 12860, "人", False),
        ("12，860人", 12860, "人", False),
        ("三千四百五十人", 3450, "人", False),
        ("一千零八十人", 1080, "人", False),
        ("百分之九十八点二", 98.2, "%", False),
        ("就业率98.6％", 98.6, "%", False),
        ("1.29万人", 12900, "人", True),  # rounded to 0.01万: 12850..12950
        ("一千二人", 1200, "人", False),
        ("126.5万元", 1265000, "元", False),  # 万元 is the unit of account: stated, not rounded
        ("约3200人", 3200, "人", True),
        ("3000余人", 3000, "人", True),
        ("600多人", 600, "人", True),
        ("专业九个", 9, "个", False),
    ],
)
def test_figures_as_written(text: str, value: float, unit: str, approximate: bool) -> None:
    (number,) = find_numbers(text)
    assert number.value == pytest.approx(value)
    assert number.unit == unit
    assert number.approximate is approximate


@pytest.mark.parametrize("text", ["万众一心", "学校", "一心一意", "千方百计"])
def test_words_are_not_figures(text: str) -> None:
    assert find_numbers(text) == []


def test_a_lone_one_is_only_a_weak_figure() -> None:
    # 一所 / 一个 is mostly an article; it counts only right after its label ("中外合作办学项目一个").
    (number,) = find_numbers("一所公办学校")
    assert number.weak
    assert not find_numbers("培训12人")[0].weak


def test_offsets_point_into_the_original_text() -> None:
    text = "毕业生１，２００人，就业率98.5%"
    first, second = find_numbers(text)
    assert text[first.start : first.end] == "１，２００人"
    assert text[second.start : second.end] == "98.5%"


@pytest.mark.parametrize(("text", "value"), [("二十", 20), ("十二", 12), ("一万零五", 10005), ("九十八点二", 98.2)])
def test_chinese_numerals(text: str, value: float) -> None:
    assert chinese_to_number(text) == pytest.approx(value)
