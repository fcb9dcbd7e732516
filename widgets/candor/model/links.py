"""Links a result carries: a practice (and the kit templates that help meet it), as bundles and results hold
them, and the URL of a docs page. A leaf: the runtime reaches practices through these, never through the
compiled catalogue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TemplateLink:
    """A kit template that helps meet a practice: its id, title and site-relative URL."""

    id: str
    title: str
    url: str


@dataclass(frozen=True)
class PracticeLink:
    """What a result needs to point at a practice: its id, title, site-relative URL and kit templates."""

    id: str
    title: str
    url: str
    templates: tuple[TemplateLink, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The link as bundles and results carry it (the one place a link becomes a dict)."""
        return {
            "id": self.id, "title": self.title, "url": self.url,
            "templates": [{"id": t.id, "title": t.title, "url": t.url} for t in self.templates],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PracticeLink:
        templates = tuple(TemplateLink(t["id"], t["title"], t["url"]) for t in data.get("templates", []))
        return cls(data["id"], data["title"], data["url"], templates)


def page_url(page: str) -> str:
    """Site-relative URL of a docs page, as MkDocs writes it with directory URLs."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
