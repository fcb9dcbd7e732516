"""Free text in Markdown: escaped only where it could become markup, always on one line."""

from __future__ import annotations

import pytest
from candor.util.markdown_text import md_heading, md_text, md_user_text


@pytest.mark.parametrize("ch", list("\\`*[]{}"))
def test_characters_that_start_markup_are_escaped(ch: str) -> None:
    assert md_text(f"a {ch} b") == f"a \\{ch} b"


@pytest.mark.parametrize(("ch", "reference"), [("<", "&lt;"), ("|", "&#124;"), ("~", "&#126;")])
def test_characters_python_markdown_cannot_escape_become_references(ch: str, reference: str) -> None:
    """Python-Markdown keeps the backslash before these (and reads "\\<b>" as a backslash and HTML)."""
    assert md_text(f"a {ch} b") == f"a {reference} b"


def test_harmless_punctuation_is_left_alone() -> None:
    text = "Step 1. (see #3) + more: done!"
    assert md_text(text) == text


def test_text_is_flattened_to_one_line() -> None:
    assert md_text("  one\ntwo\r\n\tthree  ") == "one two three"


def test_underscore_inside_a_word_stays_but_at_an_edge_is_escaped() -> None:
    assert md_text("snake_case") == "snake_case"
    assert md_text("_lead") == "\\_lead"
    assert md_text("trail_") == "trail\\_"
    assert md_text("a _b") == "a \\_b"
    assert md_text("_") == "\\_"


def test_only_entity_references_have_their_ampersand_escaped() -> None:
    assert md_text("Q&A and R & D") == "Q&A and R & D"
    assert md_text("&amp; &#169; &#x41;") == "&amp;amp; &amp;#169; &amp;#x41;"


def test_heading_keeps_a_closing_hash() -> None:
    assert md_heading("Issue #") == "Issue \\#"
    assert md_heading("C# basics") == "C# basics"
    assert md_heading("a *b*") == md_text("a *b*")


def test_text_from_a_file_never_holds_an_address_a_viewer_could_link() -> None:
    assert md_user_text("mail sam@example.com, see www.example.com or https://x.io") == (
        "mail sam&#64;example&#46;com, see www&#46;example&#46;com or https&#58;//x&#46;io")
    assert md_user_text("Done. Then: next, 10:30 @ home / v1.") == "Done. Then: next, 10:30 @ home / v1."
    assert md_text("see www.example.com") == "see www.example.com"  # content text is not changed
