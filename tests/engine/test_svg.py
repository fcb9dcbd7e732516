"""The shared SVG chart helper: wrapped text that fits, escaped text, a well-formed document."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from candor.util import svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("size", [svg.FONT, svg.SMALL])
def test_wrapped_lines_fit_the_width_and_keep_every_word(size: int) -> None:
    caption = "Dashed lines: Ready with conditions from 60; Ready to launch from 80; and a longer tail of words to wrap"
    lines = svg.wrap(caption, size=size)
    assert len(lines) > 1 and " ".join(lines) == caption
    assert all(svg.text_width(line, size) <= svg.WIDTH for line in lines)


def test_a_word_longer_than_a_line_is_broken_and_max_lines_ends_in_an_ellipsis() -> None:
    word = "x" * 100
    lines = svg.wrap(word)
    assert "".join(lines) == word and all(svg.text_width(line) <= svg.WIDTH for line in lines)
    short = svg.wrap(word, max_lines=2)
    assert len(short) == 2 and short[-1].endswith("…") and svg.text_width(short[-1]) <= svg.WIDTH


def test_wide_characters_count_double() -> None:
    assert svg.text_width("年龄") == 2 * svg.text_width("ab")
    assert all(svg.text_width(line) <= svg.WIDTH for line in svg.wrap("年龄" * 40))


def test_document_is_well_formed_with_escaped_text() -> None:
    doc = svg.document("candor-chart", "x", 100, "A <b> & c", "d </desc>", [svg.text(0, 10, ["<one>", "two"], "l", tooltip="</text>")])
    root = ET.fromstring(doc)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "x-title x-desc"
    assert root.find(f"{SVG}title").text == "A <b> & c" and root.find(f"{SVG}desc").text == "d </desc>"
    assert [t.text for t in root.iter(f"{SVG}tspan")] == ["<one>", "two"]
    assert root.get("viewBox") == f"0 0 {svg.WIDTH} 100"
