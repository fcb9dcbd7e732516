"""The methodology page: floors, completeness and the gate explained, and the generated "what moves the verdict" tables."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from candor.checks.loaded import LoadedCheck
from candor.checks.movers import area_moves, flag_moves


def _rows(page: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return [[html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
            for r in rows]


def test_the_page_explains_floors_completeness_and_the_gate(site_dir: Path) -> None:
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", (site_dir / "checks/methodology/index.html").read_text()))
    for words in ("Floors, completeness and the CI gate", "Enough to judge.", "Area floors.", "--allow-provisional",
                  "What moves the verdict"):
        assert words in text, words


def test_the_what_moves_the_verdict_tables_are_the_engine_s(site_dir: Path, loaded: dict[str, LoadedCheck]) -> None:
    rows = _rows((site_dir / "checks/methodology/index.html").read_text())
    for check in loaded.values():
        q = check.questionnaire
        for m in area_moves(q, check.links):
            assert [m.title, f"{m.area_score:g}", f"{m.score:g}", m.verdict_label] in rows, (q.id, m.area)
        for f in flag_moves(q, check.links):
            assert any(r[0] == f.level and r[1].endswith(f"({f.question})") and r[2].startswith(f.answer_label)
                       and r[3] == f.verdict_label for r in rows), (q.id, f.question, f.answer)
