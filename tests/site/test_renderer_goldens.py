"""Golden outputs of the page renderers: what a reader gets from the forms, the methodology, the guidance, the
calculator tool and the onboarding pages, compared byte for byte with checked-in copies in tests/golden_renderers/.

The renderers run on the real content, without building the site. When a change to a renderer or to the content
is intended, regenerate the copies and review the diff before committing:

    CANDOR_UPDATE_GOLDENS=1 ./scripts/test tests/site/test_renderer_goldens.py
    git diff tests/golden_renderers/
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from candor.compiler.catalog import Catalog
from candor.learning.path import Learning

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild import checklist, forms, guidance, learning_pages, methodology, reading_time, tools

GOLDEN = ROOT / "tests" / "golden_renderers"
UPDATE = os.environ.get("CANDOR_UPDATE_GOLDENS") == "1"


def _learning(catalog: Catalog) -> Learning:
    assert catalog.learning is not None
    return catalog.learning


def _times(catalog: Catalog) -> reading_time.ModuleTimes:
    return reading_time.module_times(catalog, _learning(catalog), ROOT / "docs")


# file name -> renderer (each picks a small, representative piece of the site)
CASES: dict[str, Callable[[Catalog], str]] = {
    "form-outreach.html": lambda c: forms.render_form(c.checks["outreach"], c, "checks/outreach/", lazy=True),
    "methodology-outreach.md": lambda c: methodology.methodology_markdown(c.checks["outreach"], c, "checks/methodology.md"),
    "guidance-practice-CL-01.md": lambda c: guidance.practice_markdown(c.practices["CL-01"], c, "guidance/ai-claims.md"),
    "guidance-summary-ai-claims.md": lambda c: guidance.summary_markdown("ai-claims", c, "guidance/ai-claims.md"),
    "guidance-themes.md": lambda c: guidance.theme_index_markdown(c, "guidance/index.md"),
    "tools-bias-form.html": lambda c: tools.bias_form(c, "tools/bias-audit/", lazy=True),
    "learning-path.md": lambda c: learning_pages.learning_path_markdown(_learning(c), _times(c), c, "learn/index.md"),
    "learning-module.md": lambda c: learning_pages.module_markdown(
        _learning(c), _times(c), _learning(c).modules[0], c, _learning(c).modules[0].page
    ),
    "learning-module-next.md": lambda c: learning_pages.module_next_markdown(
        _learning(c), _learning(c).modules[-1], _learning(c).modules[-1].page
    ),
    "learning-quiz.html": lambda c: learning_pages.quiz_html(_learning(c), _learning(c).modules[1], "learn/data-privacy/"),
    "learning-progress.html": lambda c: learning_pages.progress_html(_learning(c), "learn/progress/"),
    "learning-checklist.md": lambda c: checklist.checklist_markdown(c, "https://candor.example.org/"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_renderer_output_matches_its_golden_copy(name: str, catalog: Catalog) -> None:
    actual = CASES[name](catalog)
    path: Path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden copy {path.name}: run with CANDOR_UPDATE_GOLDENS=1 and review it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden copy (see the module docstring)"


def test_every_golden_copy_has_a_renderer() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(CASES)
