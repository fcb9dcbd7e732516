"""How long each onboarding module takes, from the pages the site shows: the words on its theme pages (the
page's own text plus the practices the build generates into it) at the pace in ``learning.yml``, plus a fixed
time per knowledge-check question, rounded up (the arithmetic is :func:`candor.learning.path.module_minutes`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from candor.compiler.catalog import Catalog
from candor.learning.path import Learning, count_words, module_minutes

from .guidance import practices_markdown


@dataclass(frozen=True)
class ModuleTimes:
    words: Mapping[str, int]  # by module id: the words on its theme pages
    minutes: Mapping[str, int]  # by module id

    @property
    def total(self) -> int:
        return sum(self.minutes.values())


def theme_words(catalog: Catalog, theme_id: str, docs: Path) -> int:
    """The words on a theme page: its own text plus the practices the build generates into it."""
    theme = catalog.theme(theme_id)
    page = docs / theme.page
    own = page.read_text(encoding="utf-8") if page.is_file() else ""
    return count_words(own) + count_words(practices_markdown(theme_id, catalog, theme.page))


def module_times(catalog: Catalog, learning: Learning, docs: Path) -> ModuleTimes:
    """Each module's words and minutes; ``docs`` is the docs folder holding the theme pages."""
    words = {m.id: sum(theme_words(catalog, t, docs) for t in m.themes) for m in learning.modules}
    minutes = {m.id: module_minutes(words[m.id], len(learning.quizzes[m.quiz].questions), learning.pace) for m in learning.modules}
    return ModuleTimes(words, minutes)
