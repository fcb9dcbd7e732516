"""Onboarding: learning path, quizzes and the printable checklist. (Filled in by the onboarding work.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from candor.catalog import Catalog

from .shortcodes import Renderer


def quiz_bundles(catalog: Catalog, content: Path) -> dict[str, dict[str, Any]]:
    """Quiz id -> the JSON bundle the browser loads (``{"quiz": raw, "practices": {id: {id, title, url}}}``)."""
    return {}


def site_files(catalog: Catalog, content: Path) -> dict[str, str]:
    """Extra generated files: site-relative URI -> text (for example the checklist's Markdown download)."""
    return {}


def renderers(catalog: Catalog, content: Path, src: str, url: str) -> dict[str, Renderer]:
    """Shortcode renderers for pages (src = the page's docs path, url = its site URL)."""
    return {}
