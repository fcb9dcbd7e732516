"""The widget kit: storage keys come from the engine through the build, never from the widgets' JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

from candor.util.storage_keys import LEARNING_KEY, aside_key, saved_key

from ..conftest import ROOT

JS = ROOT / "widgets" / "js"
WIDGET = re.compile(r"<div [^>]*data-candor-(check|tool|quiz)=\"([^\"]*)\"[^>]*>")


def test_no_widget_script_writes_a_storage_key() -> None:
    for path in JS.glob("*.mjs"):
        text = path.read_text(encoding="utf-8")
        for prefix in ("candor:answers", "candor:aside", "candor:learning"):
            assert prefix not in text, f"{path.name} writes the key {prefix}…; read it from the widget instead"


def test_every_widget_carries_the_keys_the_engine_names(site_dir: Path) -> None:
    seen: set[str] = set()
    for page in site_dir.rglob("*.html"):
        for match in WIDGET.finditer(page.read_text(encoding="utf-8")):
            tag, (kind, wid) = match.group(0), match.groups()
            seen.add(kind)
            if kind == "quiz":
                assert f'data-candor-saved-key="{LEARNING_KEY}"' in tag, page
            else:
                assert f'data-candor-saved-key="{saved_key(wid)}"' in tag, page
                assert f'data-candor-aside-key="{aside_key(wid)}"' in tag, page
    assert seen == {"check", "tool", "quiz"}
