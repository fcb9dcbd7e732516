"""The methodology's rules (``candor.checks.method_rules``) state each check's own numbers, read back from the words a
reader sees and compared with the data: every threshold, the share to answer, every floor and lower floor, how many
answers raise each flag, how many recommendations are shown. A copy of the content with other numbers gives other
words, with no code edit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from candor.checks.method_rules import Rule, method_rules, score_rules, verdict_order, verdict_rules
from candor.checks.scoring import DECIMALS
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import read_catalog
from candor.model.questionnaire import Questionnaire

from tests.conftest import CONTENT

CHECKS = ("consent", "disclosure", "outreach", "prelaunch")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?!\w)")


def numbers(text: str, q: Questionnaire) -> list[float]:
    """The numbers a reader sees in ``text``, leaving out those inside the check's area titles and verdict labels."""
    for name in sorted([a.title for a in q.areas] + [v.label for v in q.verdicts], key=len, reverse=True):
        text = text.replace(name, "")
    return [float(n) for n in NUMBER.findall(text)]


def rule(q: Questionnaire, rule_id: str) -> Rule | None:
    return next((r for r in (*method_rules(q), *score_rules(q)) if r.id == rule_id), None)


def stated_floors(text: str, q: Questionnaire, name: str) -> dict[str, float]:
    """Area title to the floor called ``name`` ("Floor" or "Lower floor") as the rule's sentences state it."""
    scored = [a.title for a in q.areas if a.scored]
    stated: dict[str, float] = {}
    for value, who in re.findall(rf"(?:^|(?<=\. )){name} (\d+(?:\.\d+)?): (.*?)\.(?= |$)", text):
        for title in scored if who == "every scored area" else who.split("; "):
            stated[title] = float(value)
    none = re.search(rf"No {name.lower()}: (.*?)\.(?= |$)", text)
    stated |= dict.fromkeys(none.group(1).split("; ") if none else [], 0.0)
    return stated


@pytest.fixture(scope="module")
def checks(catalog: Catalog) -> dict[str, Questionnaire]:
    assert sorted(catalog.checks) == sorted(CHECKS)
    return catalog.checks


@pytest.mark.parametrize("check_id", CHECKS)
def test_each_verdict_row_states_its_threshold_and_nothing_else(check_id: str, checks: dict[str, Questionnaire]) -> None:
    q = checks[check_id]
    rows = verdict_rules(q)
    assert [(r.verdict, r.label) for r in rows] == [(v.id, v.label) for v in q.verdicts]
    for row, v in zip(rows, q.verdicts, strict=True):
        expected = [v.min_score] if q.scored and v.min_score is not None else []
        assert numbers(row.reached, q) == expected, row
        assert numbers(row.held_by, q) == []
        assert (row.held_by == "–") == (v.cap is None)
        if v.cap:
            assert row.held_by.startswith(f"any {v.cap} flag")
    labels = [f"“{v.label}”" for v in (q.capped_verdict("amber"), q.capped_verdict("red")) if v]
    assert all(label in verdict_order(q) for label in labels)


@pytest.mark.parametrize("check_id", CHECKS)
def test_enough_to_judge_states_the_share_to_answer(check_id: str, checks: dict[str, Questionnaire]) -> None:
    q = checks[check_id]
    found = rule(q, "enough-to-judge")
    assert found is not None
    assert numbers(found.text, q) == ([] if q.judge_from >= 1 else [100 * q.judge_from])
    assert ("every question shown" in found.text) == (q.judge_from >= 1)


@pytest.mark.parametrize("check_id", CHECKS)
def test_the_floors_rule_states_every_area_s_floor_and_lower_floor(check_id: str, checks: dict[str, Questionnaire]) -> None:
    q = checks[check_id]
    found = rule(q, "floors")
    scored = [a for a in q.areas if a.scored]
    if not any(a.floor or a.hard_floor for a in scored):
        assert found is None
        return
    assert found is not None
    assert stated_floors(found.text, q, "Floor") == {a.title: a.floor for a in scored}
    if any(a.hard_floor for a in scored):
        assert stated_floors(found.text, q, "Lower floor") == {a.title: a.hard_floor for a in scored}
    values = {a.floor for a in scored if a.floor} | {a.hard_floor for a in scored if a.hard_floor}
    assert set(numbers(found.text, q)) == values


@pytest.mark.parametrize("check_id", CHECKS)
def test_the_flags_rule_counts_the_answers_that_raise_each_flag(check_id: str, checks: dict[str, Questionnaire]) -> None:
    q = checks[check_id]
    found = rule(q, "flags")
    assert found is not None
    counts = [sum(1 for x in q.questions for o in x.options if o.flag and o.flag.level == level)
              for level in ("red", "amber") if q.capped_verdict(level)]
    assert numbers(found.text, q) == [float(n) for n in counts if n]
    for level in ("red", "amber"):
        capped = q.capped_verdict(level)
        if capped is not None:
            assert f"{level} flag, which" in found.text and f"“{capped.label}”" in found.text


@pytest.mark.parametrize("check_id", CHECKS)
def test_the_score_rules_state_the_rounding_and_the_recommendations_shown(check_id: str, checks: dict[str, Questionnaire]) -> None:
    q = checks[check_id]
    if not q.scored:
        assert score_rules(q) == ()
        return
    gain, area = rule(q, "gain"), rule(q, "area-score")
    assert gain is not None and area is not None
    assert numbers(gain.text, q) == [float(q.top_recommendations)]
    assert f"rounded to {DECIMALS} decimal place" in area.text


def test_a_copy_of_the_content_with_other_numbers_gives_other_words(tmp_path: Path, checks: dict[str, Questionnaire]) -> None:
    """Floors (one area's own), the share to answer, a threshold, the recommendations and the changes to fix first
    shown, changed in the data, change the rules, with no code edit."""
    before = checks["outreach"]
    ban, ethics = before.area("ban-risk"), before.area("ethics")
    floor, hard, judge = ban.floor - 5, ethics.hard_floor - 5, before.judge_from + 0.125
    ethics_floor, ready, top = floor - 5, (before.verdicts[0].min_score or 0) + 5, before.top_recommendations - 2
    first = before.fix_first + 2
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "checks" / "outreach.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in ((f"\n  floor: {ban.floor:g}\n", f"\n  floor: {floor:g}\n"),
                     (f"\n    hard_floor: {ethics.hard_floor:g}\n", f"\n    hard_floor: {hard:g}\n    floor: {ethics_floor:g}\n"),
                     (f"\n  judge_from: {before.judge_from:g}\n", f"\n  judge_from: {judge:g}\n"),
                     (f"\n    min_score: {before.verdicts[0].min_score:g}\n", f"\n    min_score: {ready:g}\n"),
                     (f"\ntop_recommendations: {before.top_recommendations}\n", f"\ntop_recommendations: {top}\n"),
                     (f"\nfix_first: {before.fix_first}\n", f"\nfix_first: {first}\n")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    after = read_catalog(content).checks["outreach"]

    was, now = rule(before, "floors"), rule(after, "floors")
    assert was is not None and now is not None and was.text != now.text
    assert stated_floors(now.text, after, "Floor") == {ban.title: floor, ethics.title: ethics_floor}
    assert stated_floors(now.text, after, "Lower floor") == {ban.title: 0.0, ethics.title: hard}
    enough, gain = rule(after, "enough-to-judge"), rule(after, "gain")
    assert enough is not None and numbers(enough.text, after) == [100 * judge]
    assert gain is not None and numbers(gain.text, after) == [float(top)]
    fix = rule(after, "fix-first")
    assert fix is not None and numbers(fix.text, after) == [float(first)] and after.fix_first == first
    assert numbers(verdict_rules(after)[0].reached, after) == [ready]
