"""Team onboarding, wired into the build: the shortcodes of the ``learn/`` pages and the files they publish.

The model is :mod:`sitebuild.learning`; the pages are rendered by :mod:`sitebuild.learning_pages`,
:mod:`sitebuild.checklist` and :mod:`sitebuild.facilitator`.
"""

from __future__ import annotations

import json
from pathlib import Path

from candor.catalog import Catalog

from . import checklist, facilitator, learning_pages
from .learning import Learning, LearningError, Module, load_learning
from .markup import rel
from .shortcodes import Renderer


def site_files(catalog: Catalog, content: Path, site_url: str) -> dict[str, str]:
    """Extra generated files: the checklist's Markdown download and the sample brief's answers file."""
    load_learning(catalog, content)  # fail early, with file and id, when the onboarding content is invalid
    return {
        checklist.CHECKLIST_DOWNLOAD: checklist.checklist_markdown(catalog, content, site_url),
        facilitator.ANSWERS_DOWNLOAD: facilitator.answers_yaml(facilitator.load_kit(catalog, content)),
        facilitator.ANSWERS_IMPORT: json.dumps(facilitator.load_kit(catalog, content).answers_file(), indent=1),
    }


def renderers(catalog: Catalog, content: Path, src: str, url: str) -> dict[str, Renderer]:
    """Shortcode renderers for pages (src = the page's docs path, url = its site URL)."""

    def learning() -> Learning:
        return load_learning(catalog, content)

    def module(arg: str | None) -> Module:
        found = learning().module(arg)
        if found is None:
            known = ", ".join(m.id for m in learning().modules)
            raise LearningError([f"{src}: unknown module {arg!r} (known: {known})"])
        return found

    def kit() -> facilitator.Kit:
        return facilitator.load_kit(catalog, content)

    return {
        "learning-path": lambda _: learning_pages.learning_path_markdown(learning(), catalog, src),
        "module": lambda arg: learning_pages.module_markdown(learning(), module(arg), catalog, src),
        "module-next": lambda arg: learning_pages.module_next_markdown(learning(), module(arg), src),
        "quiz": lambda arg: learning_pages.quiz_html(learning(), module(arg), url),
        "progress": lambda _: learning_pages.progress_html(learning(), url),
        "checklist": lambda _: checklist.checklist_html(catalog, content, url),
        "checklist-download": lambda _: checklist.download_html(url),
        "facilitator-result": lambda _: facilitator.result_markdown(kit(), src),
        "facilitator-debrief": lambda _: facilitator.debrief_markdown(kit(), catalog, src),
        "facilitator-answers": lambda _: facilitator.answers_markdown(
            kit(), catalog, src, rel(url, facilitator.ANSWERS_DOWNLOAD), rel(url, facilitator.ANSWERS_IMPORT)
        ),
        "facilitator-pairs": lambda _: facilitator.pairs_markdown(kit()),
        "quiz-notes": lambda _: facilitator.quiz_notes_markdown(catalog, content, src),
    }
