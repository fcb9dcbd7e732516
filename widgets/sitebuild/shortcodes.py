"""Expand ``<!-- candor:NAME ARG -->`` comments in page Markdown with content rendered from the data."""

from __future__ import annotations

import re
from collections.abc import Callable

SHORTCODE = re.compile(r"<!--\s*candor:([a-z-]+)(?:\s+([a-z0-9-]+))?\s*-->")

Renderer = Callable[[str | None], str]


class ShortcodeError(ValueError):
    pass


def expand(markdown: str, renderers: dict[str, Renderer], page: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name, arg = match.group(1), match.group(2)
        if name not in renderers:
            raise ShortcodeError(f"{page}: unknown shortcode candor:{name} (known: {', '.join(sorted(renderers))})")
        return renderers[name](arg)

    return SHORTCODE.sub(replace, markdown)
