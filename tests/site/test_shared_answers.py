"""One campaign's answers across checks (issue 31, deliverable 1): each check's form publishes the other checks that
ask some of its questions, with the key each saves under (the engine's storage_keys), its version and its title, so
the page can bring their answers over. Rendered on the real content, without building the site."""

from __future__ import annotations

import html
import json
import re
import sys
from typing import Any

import pytest
from candor.compiler.catalog import Catalog
from candor.util.storage_keys import saved_key

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild import forms
from sitebuild.shortcodes import ShortcodeError

SHARED = re.compile(r'data-candor-shared="([^"]*)"')


def _published(catalog: Catalog, check: str) -> dict[str, Any]:
    page = forms.render_form(catalog.checks[check], catalog, f"checks/{check}/")
    found = SHARED.findall(page)
    assert len(found) == 1, check
    published: dict[str, Any] = json.loads(html.unescape(found[0]))
    return published


def test_each_check_publishes_exactly_the_checks_that_share_a_question_with_it(catalog: Catalog) -> None:
    for cid, q in catalog.checks.items():
        mine = {x.id for x in q.questions}
        expected = {
            other: {"key": saved_key(other), "version": o.version, "title": o.title}
            for other, o in catalog.checks.items()
            if other != cid and mine & {x.id for x in o.questions}
        }
        assert _published(catalog, cid) == expected, cid


def test_the_pre_launch_and_outreach_checks_bring_each_others_answers_over(catalog: Catalog) -> None:
    """The issue's case: the outreach questions the pre-launch check also asks carry both ways."""
    assert "outreach" in _published(catalog, "prelaunch")
    assert "prelaunch" in _published(catalog, "outreach")
    assert "prelaunch" not in _published(catalog, "prelaunch")  # a check never reads its own key as another's


def test_the_privacy_page_lists_every_checks_keys_from_the_engine(catalog: Catalog) -> None:
    """The privacy page names each check's keys through the build (one source: candor.util.storage_keys)."""
    page = (ROOT / "docs" / "about" / "privacy.md").read_text(encoding="utf-8")
    for kind in ("answers", "aside"):
        assert f"<!-- candor:check-keys {kind} -->" in page, kind
        listed = forms.check_keys_markdown(catalog, kind)
        assert listed.split(", ") == [f"`candor:{kind}:{cid}`" for cid in catalog.checks]
    for cid in catalog.checks:
        assert f"candor:answers:{cid}" not in page, f"{cid}'s key is written by hand; the build lists it"
    assert "reads the other checks' keys" in page  # says where a check's answers may come from


def test_an_unknown_kind_of_key_stops_the_build(catalog: Catalog) -> None:
    with pytest.raises(ShortcodeError, match="'answers' or 'aside'"):
        forms.check_keys_markdown(catalog, "saved")
