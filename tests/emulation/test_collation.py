"""Vietnamese dictionary order (issue 17, part 10): D before Đ, tones after letters."""

from __future__ import annotations

import pytest

from emulation.collation import collation_key, vietnamese_sorted

pytestmark = pytest.mark.unit


def test_d_comes_before_đ_and_đ_before_e():
    names = ["Xã Vũ Muộn", "Xã Đôn Phong", "Xã Dương Sơn", "Xã Đại Sảo", "Xã Yên Cư"]
    assert vietnamese_sorted(names) == [
        "Xã Dương Sơn",
        "Xã Đại Sảo",
        "Xã Đôn Phong",
        "Xã Vũ Muộn",
        "Xã Yên Cư",
    ]
    assert collation_key("Dz") < collation_key("Đa") < collation_key("E")


def test_letters_count_before_tones_and_tones_in_dictionary_order():
    # ngang, huyền, hỏi, ngã, sắc, nặng; then the next letters
    assert vietnamese_sorted(["bạ", "bá", "bã", "bả", "bà", "ba", "bác"]) == [
        "ba", "bà", "bả", "bã", "bá", "bạ", "bác",
    ]  # fmt: skip
    # the modified vowels are letters of their own: a < ă < â, o < ô < ơ, u < ư
    assert vietnamese_sorted(["Ân", "Ăn", "An", "Ơn", "Ôn", "On", "Ưng", "Ung"]) == [
        "An", "Ăn", "Ân", "On", "Ôn", "Ơn", "Ung", "Ưng",
    ]  # fmt: skip


def test_word_by_word_numbers_and_forms_of_writing():
    assert vietnamese_sorted(["Xã Bá", "Xã Ba Bể", "Xã Nam", "Xã Na"]) == [
        "Xã Ba Bể", "Xã Bá", "Xã Na", "Xã Nam",
    ]  # fmt: skip
    assert vietnamese_sorted(["Phường 10", "Phường 2"]) == ["Phường 2", "Phường 10"]
    decomposed = "Xa\u0303 \u0110o\u0302n"  # "Xã Đôn" typed as letters and marks
    assert collation_key(decomposed) == collation_key("Xã Đôn")
    assert collation_key("ba") < collation_key("Ba") < collation_key("bà")
