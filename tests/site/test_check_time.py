"""The pre-launch check's time, as the engine works it out for its typical campaign, on its page and the home page."""

from __future__ import annotations

import html
import re

from candor.checks.duration import time_sentence, time_to_answer
from candor.compiler.catalog import Catalog

from ..conftest import Site


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_home_page_and_the_check_say_the_same_time(site: Site, catalog: Catalog) -> None:
    t = time_to_answer(catalog.checks["prelaunch"], catalog.learning.pace.words_per_minute)
    assert t is not None
    sentence = time_sentence(t)
    home = (site.dir / "index.html").read_text(encoding="utf-8")
    check = (site.dir / "checks" / "prelaunch" / "index.html").read_text(encoding="utf-8")
    assert sentence in text_of(home) and sentence in text_of(check)
    assert 'href="checks/prelaunch/"' in home
    article = text_of(home[home.index("<article"):])
    assert article.index("Launching soon?") < article.index("Who it is for")  # above the fold, after the lead
    assert "10 to 15 minutes" not in text_of(check)
