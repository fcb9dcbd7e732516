"""Tiny helpers for writing HTML and Markdown safely from content data."""

from __future__ import annotations

import posixpath
from html import escape

from candor.compiler.catalog import Catalog, ContentError
from candor.intake.decode import MAX_JSON_DEPTH
from candor.intake.share_link import MAX_SHARE_FRAGMENT, SHARE_PREFIX, SHARE_VERSION
from candor.learning.path import Learning
from candor.model.facilitator import FacilitatorKit

# Material's search leaves out elements (and sections under headings) carrying this attribute. Widgets carry it:
# their questions are controls, not reading matter, and the methodology page indexes the same wording once.
NOT_INDEXED = "data-search-exclude"


def esc(text: str) -> str:
    return escape(text, quote=True)


def intake_attributes(max_bytes: int) -> str:
    """The engine's intake rules a widget applies before the engine runs, as HTML attributes: the size of a file
    (``max_bytes``, the widget's own), how deep JSON may nest, and the share-link format and length. The widget's
    JavaScript reads them here and holds no copy (tests/site/test_no_policy_in_js.py)."""
    return (
        f' data-candor-max-bytes="{max_bytes}" data-candor-max-depth="{MAX_JSON_DEPTH}"'
        f' data-candor-share-prefix="{esc(SHARE_PREFIX)}" data-candor-share-version="{esc(SHARE_VERSION)}"'
        f' data-candor-max-fragment="{MAX_SHARE_FRAGMENT}"'
    )


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
