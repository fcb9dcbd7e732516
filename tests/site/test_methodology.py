"""The methodology page: floors, completeness and the gate explained, and the generated "what moves the verdict" tables."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import sys
from pathlib import Path

from candor.checks.loaded import LoadedCheck
from candor.checks.method_rules import method_rules, score_rules, verdict_order, verdict_rules
from candor.checks.movers import area_moves, flag_moves
from candor.compiler.content_files import read_catalog

from ..conftest import CONTENT, ROOT

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild.methodology import methodology_markdown


def _rows(page: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return [[html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
            for r in rows]


def test_the_page_explains_floors_completeness_and_the_gate(site_dir: Path) -> None:
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", (site_dir / "checks/methodology/index.html").read_text()))
    for words in ("Floors, completeness and the CI gate", "Enough to judge.", "Area floors.", "--allow-provisional",
                  "What moves the verdict"):
        assert words in text, words


def _page_text(site_dir: Path) -> str:
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", (site_dir / "checks/methodology/index.html").read_text()))
    return re.sub(r"\s+", " ", text)


def test_the_page_places_the_engine_s_rules_for_every_check(site_dir: Path, loaded: dict[str, LoadedCheck]) -> None:
    """Every rule, verdict row and the verdict order, in the engine's words with the check's numbers, and nothing
    written by the page itself."""
    text, rows = _page_text(site_dir), _rows((site_dir / "checks/methodology/index.html").read_text())
    for check in loaded.values():
        q = check.questionnaire
        for rule in (*method_rules(q), *score_rules(q)):
            assert f"{rule.title}. {rule.text.replace('`', '')}" in text, (q.id, rule.id)
        assert verdict_order(q) in text, q.id
        for row in verdict_rules(q):
            assert [f"{row.label} ({row.verdict})", row.reached, row.held_by] in rows, (q.id, row.verdict)


def test_a_changed_floor_in_a_copy_of_the_content_changes_the_page(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    before = read_catalog(content)
    q = before.checks["outreach"]
    path = content / "checks" / "outreach.yml"
    ethics = q.area("ethics")
    path.write_text(path.read_text(encoding="utf-8").replace(f"\n    hard_floor: {ethics.hard_floor:g}\n",
                                                             f"\n    hard_floor: {ethics.hard_floor + 5:g}\n"), encoding="utf-8")
    after = read_catalog(content)
    was = methodology_markdown(q, before, "checks/methodology.md")
    now = methodology_markdown(after.checks["outreach"], after, "checks/methodology.md")
    assert f"Lower floor {ethics.hard_floor:g}: {ethics.title}." in was
    assert f"Lower floor {ethics.hard_floor + 5:g}: {ethics.title}." in now
    assert f"Lower floor {ethics.hard_floor:g}:" not in now


def test_the_what_moves_the_verdict_tables_are_the_engine_s(site_dir: Path, loaded: dict[str, LoadedCheck]) -> None:
    rows = _rows((site_dir / "checks/methodology/index.html").read_text())
    for check in loaded.values():
        q = check.questionnaire
        for m in area_moves(q, check.links):
            assert [m.title, f"{m.area_score:g}", f"{m.score:g}", m.verdict_label] in rows, (q.id, m.area)
        for f in flag_moves(q, check.links):
            assert any(r[0] == f.level and r[1].endswith(f"({f.question})") and r[2].startswith(f.answer_label)
                       and r[3] == f.verdict_label for r in rows), (q.id, f.question, f.answer)
