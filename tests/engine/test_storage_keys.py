"""The localStorage names a reader's data is kept under, and how a widget publishes them."""

from __future__ import annotations

import html
import re

from candor.util.storage_keys import LEARNING_KEY, aside_key, key_attributes, saved_key


def test_saved_and_aside_keys_differ_per_widget_and_from_each_other() -> None:
    keys = {saved_key("a"), saved_key("b"), aside_key("a"), aside_key("b"), LEARNING_KEY}
    assert len(keys) == 5
    assert all(k.startswith("candor:") for k in keys)


def test_the_widget_id_is_the_end_of_its_keys() -> None:
    assert saved_key("ai-readiness").endswith(":ai-readiness")
    assert aside_key("ai-readiness").endswith(":ai-readiness")


def test_key_attributes_publish_both_keys_for_the_page_to_read() -> None:
    attrs = key_attributes("tool-x")
    found = dict(re.findall(r'(data-candor-[a-z-]+)="([^"]*)"', attrs))
    assert {k: html.unescape(v) for k, v in found.items()} == {
        "data-candor-saved-key": saved_key("tool-x"),
        "data-candor-aside-key": aside_key("tool-x"),
    }
    assert attrs.startswith(" ")  # ready to append after the element's other attributes
