"""Team onboarding, wired into the build: the shortcodes of the ``learn/`` pages and the files they publish.

The model is :mod:`candor.learning.path` and :mod:`candor.compiler.facilitator` (compiled with the rest of the content); the
pages are rendered by :mod:`sitebuild.learning_pages`, :mod:`sitebuild.checklist` and :mod:`sitebuild.facilitator`.
"""

from __future__ import annotations

import json

from candor.compiler.catalog import Catalog, ContentError
from candor.learning.path import Module

from . import checklist, facilitator, learning_pages
from .markup import facilitator_of, learning_of, md_rel
from .reading_time import ModuleTimes
from .shortcodes import Renderer


def site_files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Extra generated files: the checklist's Markdown download and the sample brief's answers file."""
    kit = facilitator_of(catalog)
    return {
        checklist.CHECKLIST_DOWNLOAD: checklist.checklist_markdown(catalog, site_url),
        facilitator.ANSWERS_DOWNLOAD: facilitator.answers_yaml(kit),
        facilitator.ANSWERS_IMPORT: json.dumps(kit.answers_file(), indent=1),
    }


def renderers(catalog: Catalog, times: ModuleTimes, src: str, url: str) -> dict[str, Renderer]:
    """Shortcode renderers for pages (src = the page's docs path, url = its site URL)."""
    learning = learning_of(catalog)

    def module(arg: str | None) -> Module:
        found = learning.module(arg)
        if found is None:
            known = ", ".join(m.id for m in learning.modules)
            raise ContentError([f"{src}: unknown module {arg!r} (known: {known})"])
        return found

    def kit() -> facilitator.Kit:
        return facilitator_of(catalog)

    return {
        "learning-path": lambda _: learning_pages.learning_path_markdown(learning, times, catalog, src),
        "module": lambda arg: learning_pages.module_markdown(learning, times, module(arg), catalog, src),
        "module-next": lambda arg: learning_pages.module_next_markdown(learning, module(arg), src),
        "quiz": lambda arg: learning_pages.quiz_html(learning, module(arg), url),
        "progress": lambda _: learning_pages.progress_html(learning, url),
        "checklist": lambda _: checklist.checklist_html(catalog, url),
        "checklist-download": lambda _: checklist.download_html(url),
        "facilitator-result": lambda _: facilitator.result_markdown(kit(), src),
        "facilitator-debrief": lambda _: facilitator.debrief_markdown(kit(), catalog, src),
        "facilitator-answers": lambda _: facilitator.answers_markdown(
            kit(), catalog, src, md_rel(src, facilitator.ANSWERS_DOWNLOAD), md_rel(src, facilitator.ANSWERS_IMPORT)
        ),
        "facilitator-pairs": lambda _: facilitator.pairs_markdown(kit()),
        "facilitator-shortlist": lambda _: facilitator.shortlist_markdown(kit(), catalog, src),
        "quiz-notes": lambda _: facilitator.quiz_notes_markdown(catalog, src),
    }
