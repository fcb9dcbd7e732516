"""Tiny helpers for writing HTML and Markdown safely from content data."""

from __future__ import annotations

import posixpath
from html import escape

from candor.compiler.catalog import Catalog, ContentError
from candor.learning.path import Learning
from candor.model.facilitator import FacilitatorKit

# Material's search leaves out elements (and sections under headings) carrying this attribute. Widgets carry it:
# their questions are controls, not reading matter, and the methodology page indexes the same wording once.
NOT_INDEXED = "data-search-exclude"


def esc(text: str) -> str:
    return escape(text, quote=True)


def rel(from_page_url: str, to_site_url: str) -> str:
    """Relative link from a page (site-relative directory URL, e.g. ``checks/disclosure/``) to a site URL."""
    path, _, anchor = to_site_url.partition("#")
    base = posixpath.dirname(from_page_url.rstrip("/") + "/x") if from_page_url else "."
    target = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") or not path:
        target = target.rstrip("/") + "/"
    if target == "./":
        target = "./"
    return target + (f"#{anchor}" if anchor else "")


def md_rel(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative Markdown link between docs files (``guidance/bias.md`` -> ``sources.md#x``), checked by MkDocs."""
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return target + (f"#{anchor}" if anchor else "")


def learning_of(catalog: Catalog) -> Learning:
    """The learning path, which the onboarding pages need (the content folder may leave it out)."""
    if catalog.learning is None:
        raise ContentError(["learning.yml: the onboarding pages need the learning path, and the content has none"])
    return catalog.learning


def facilitator_of(catalog: Catalog) -> FacilitatorKit:
    if catalog.facilitator is None:
        raise ContentError(["facilitator.yml: the facilitator guide needs it, and the content has none"])
    return catalog.facilitator
