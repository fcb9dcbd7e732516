"""Every scored check's verdict thresholds and area floors, exactly at each limit and one step either side of it.

The limits come from the compiled checks (content/checks/*.yml), never from this file. Each case asks the verdict
(:func:`candor.checks.verdict.decide`) about crafted area scores with every question shown answered and no flag raised,
so the only thing that can hold the verdict back is the limit under test: a score exactly at a level's
``min_score`` reaches that level and one step under it does not; an area exactly at its ``floor`` (or
``hard_floor``) is not held back by it and one step under it is.
"""

from __future__ import annotations

import pytest
from candor.checks.loaded import LoadedCheck
from candor.checks.scoring import AreaScore
from candor.checks.verdict import decide
from candor.compiler.content_files import raw_checks
from candor.model.questionnaire import Area, Questionnaire

from ..conftest import CONTENT

STEP = 0.1  # scores are rounded to one decimal (candor.checks.scoring): the nearest score on either side of a limit
TOP = 100.0  # the best score an area or a check can have
SCORED = sorted(cid for cid, raw in raw_checks(CONTENT).items() if any(a["weight"] > 0 for a in raw["areas"]))

Case = tuple[str, str, tuple[str, ...]]  # what was asked, the verdict, the causes that hold it back


def judge(q: Questionnaire, label: str, overall: float, scores: dict[str, float] | None = None) -> Case:
    """The verdict for an overall score and area scores (every other scored area at the top)."""
    answers = {x.id: x.best_option.id for x in q.questions}  # every question shown is answered
    areas = [AreaScore(a.id, a.title, a.weight, (scores or {}).get(a.id, TOP), 1, 1) for a in q.areas if a.scored]
    d = decide(q, answers, list(answers), areas, overall, [])
    assert d.verdict is not None and d.completeness.enough
    return label, d.verdict.id, tuple(h.cause for h in d.holds)


def nudge(x: float, by: float) -> float:
    return round(x + by, 1)


def test_every_scored_check_has_thresholds_and_floors_to_test(loaded: dict[str, LoadedCheck]) -> None:
    assert SCORED and set(SCORED) == {cid for cid, c in loaded.items() if c.questionnaire.scored}
    for cid in SCORED:
        q = loaded[cid].questionnaire
        assert any(v.min_score for v in q.verdicts), cid
        assert any(a.floor for a in q.areas), cid


@pytest.mark.parametrize("check", SCORED)
def test_a_score_exactly_at_each_threshold_reaches_its_level_and_one_step_under_does_not(
    check: str, loaded: dict[str, LoadedCheck]
) -> None:
    q = loaded[check].questionnaire
    levels = list(q.verdicts)
    got, expected = [], []
    for i, level in enumerate(levels):
        limit = level.min_score
        if not limit:  # the worst level (min_score 0): there is no score under it
            continue
        held = () if i == 0 else ("score",)  # a level under the best says which score band holds it
        got.append(judge(q, f"{level.id} at {limit:g}", limit))
        expected.append((f"{level.id} at {limit:g}", level.id, held))
        under = nudge(limit, -STEP)
        below = levels[i + 1]
        assert below.min_score is not None and below.min_score <= under, f"{check}: no level for {under:g}"
        got.append(judge(q, f"{level.id} under by one step", under))
        expected.append((f"{level.id} under by one step", below.id, ("score",)))
        over = nudge(limit, STEP)
        if i == 0 or (levels[i - 1].min_score or 0) > over:
            got.append(judge(q, f"{level.id} over by one step", over))
            expected.append((f"{level.id} over by one step", level.id, held))
    assert got and got == expected


@pytest.mark.parametrize("check", SCORED)
def test_an_area_exactly_at_its_floor_is_not_held_back_and_one_step_under_is(check: str, loaded: dict[str, LoadedCheck]) -> None:
    q = loaded[check].questionnaire
    best, amber, red = q.verdicts[0], q.capped_verdict("amber"), q.capped_verdict("red")
    assert amber is not None and red is not None
    got, expected = [], []
    for area in (a for a in q.areas if a.scored):

        def rule(score: float, area: Area = area) -> tuple[str, tuple[str, ...]]:
            """The documented rule, strictly under each floor: the lower one forces red, the other caps at amber."""
            if score < area.hard_floor:
                return red.id, ("hard-floor",)
            return (amber.id, ("floor",)) if score < area.floor else (best.id, ())

        for kind, limit in (("floor", area.floor), ("hard-floor", area.hard_floor)):
            if not limit:
                continue
            for where, score in (("at", limit), ("one step under", nudge(limit, -STEP)), ("one step over", nudge(limit, STEP))):
                label = f"{area.id} {where} its {kind} {limit:g}"
                got.append(judge(q, label, TOP, {area.id: score}))
                expected.append((label, *rule(score)))
            assert rule(limit)[1] != (kind,) and rule(nudge(limit, -STEP))[1] == (kind,)  # the limit decides both
    assert got and got == expected
