"""Names people type: refused when a character hides or reorders text, compared by a folded key, isolated if RTL."""

from __future__ import annotations

import unicodedata

import pytest
from candor.util.names import clean_name, describe, isolate, name_key, refused_character


@pytest.mark.parametrize("bad", ["\u202e", "\u200b", "\x00", "\x07", "\u00ad", "\u2028", "\u2029", "\ud800"])
def test_hiding_or_reordering_characters_are_refused(bad: str) -> None:
    text = f"Group {bad}A"
    assert refused_character(text) == bad
    assert clean_name(text) == (text, bad)


def test_joiners_are_allowed_in_a_name() -> None:
    name = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # Persian with a zero-width non-joiner
    assert refused_character(name) is None
    assert clean_name(name) == (name, None)


def test_clean_name_strips_outer_spaces_and_normalises_to_nfc() -> None:
    decomposed = "  Cafe\u0301 group "
    cleaned, bad = clean_name(decomposed)
    assert bad is None
    assert cleaned == unicodedata.normalize("NFC", "Cafe\u0301 group") == "Caf\u00e9 group"


def test_names_that_look_the_same_share_a_key() -> None:
    assert name_key("Women  over\t50") == name_key("women over 50")
    assert name_key("\uff21\uff22") == name_key("ab")  # full-width letters
    assert name_key("a\u200db") == name_key("ab")
    assert name_key("Stra\u00dfe") == name_key("STRASSE")


def test_different_names_keep_different_keys() -> None:
    assert name_key("Group A") != name_key("Group B")
    assert name_key("ab") != name_key("a b")


def test_isolate_wraps_only_right_to_left_names() -> None:
    assert isolate("Group 1") == "Group 1"
    hebrew = "\u05e7\u05d1\u05d5\u05e6\u05d4"
    arabic = "\u0645\u062c\u0645\u0648\u0639\u0629"
    assert isolate(hebrew) == f"\u2068{hebrew}\u2069"
    assert isolate(f"x {arabic}") == f"\u2068x {arabic}\u2069"


def test_describe_names_an_invisible_character() -> None:
    assert describe("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert describe("\x07").startswith("U+0007, ") and "control" in describe("\x07")
    assert "surrogate" in describe("\ud800")
