"""“Did you mean”: one wrong, missing, extra or swapped letter in a word of four or more."""

import pytest

from search.suggestions import correction, one_edit_away

KNOWN = {"truong": 120, "tuong": 4, "troi": 7, "kieu": 9, "dinh": 80, "thanh": 60, "lam": 5}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("turong", "truong"),  # swapped; also one letter from "tuong", but fewer titles say it
        ("kiue", "kieu"),  # swapped
        ("dnh", "dinh"),  # a four-letter word missing a letter
        ("dinhh", "dinh"),  # one letter too many
        ("thanj", "thanh"),  # one wrong letter
        ("tri", "troi"),
    ],
)
def test_a_one_letter_typo_is_corrected_to_the_commonest_known_word(typed, meant):
    assert correction(typed, KNOWN) == meant


@pytest.mark.parametrize("typed", ["truong", "lm", "la", "xylophone", "trng1234"])
def test_known_short_and_faraway_words_are_left_alone(typed):
    assert correction(typed, KNOWN) is None


def test_three_letter_words_are_not_corrected_to_three_letter_words():
    # "lam" is known but has three letters: "lan" is not a typo of a 4+ letter word.
    assert correction("lan", KNOWN) is None


def test_edits_cover_each_kind_of_typo():
    edits = one_edit_away("abc")
    assert {"ab", "bac", "abd", "abcd", "xabc"} <= edits
    assert "abc" not in edits
