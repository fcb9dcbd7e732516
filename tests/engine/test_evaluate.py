"""evaluate(): one call from answers to the explained result, shaped the same for every output."""

from __future__ import annotations

import json

import pytest
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.model.answers import AnswersError

from .sample import LINKS, sample


def test_one_answer_short_of_judge_from_gives_no_score_and_no_chart() -> None:
    q = sample()
    # uses=chat shows all four questions; judge_from 0.5 needs two answers
    r = evaluate(q, LINKS, {"uses": ("chat",)})
    assert (r.completeness.answered, r.completeness.needed) == (1, 2)
    assert r.score is None and r.chart_svg == ""


def test_at_judge_from_a_provisional_score_and_chart_are_given() -> None:
    r = evaluate(sample(), LINKS, {"uses": ("chat",), "a1": "yes"})
    assert r.completeness.enough
    assert r.score is not None and r.provisional
    assert r.chart_svg.startswith("<svg")


def test_all_answered_is_not_provisional() -> None:
    q = sample()
    r = evaluate(q, LINKS, {"uses": ("chat",), "a1": "yes", "a2": "yes", "b1": "good"})
    assert not r.provisional
    assert r.visible == tuple(x.id for x in q.questions)
    assert r.verdict == q.verdicts[0].id and r.verdict_label == q.verdicts[0].label


def test_thresholds_list_every_verdict_best_first() -> None:
    q = sample()
    r = evaluate(q, LINKS, {})
    assert [t["verdict"] for t in r.thresholds] == [v.id for v in q.verdicts]
    assert [t["min_score"] for t in r.thresholds] == [v.min_score for v in q.verdicts]


def test_to_json_is_plain_json() -> None:
    out = evaluate(sample(), LINKS, {"uses": ["chat"], "a1": "no", "b1": "fair"}).to_json()
    assert json.loads(json.dumps(out)) == out
    assert isinstance(out["visible"], list) and isinstance(out["flags"], list)


def test_invalid_answers_are_refused_not_scored() -> None:
    with pytest.raises(AnswersError):
        evaluate(sample(), LINKS, {"a1": "maybe"})


def test_every_real_check_gives_its_best_verdict_for_best_answers(loaded: dict[str, LoadedCheck]) -> None:
    judged = 0
    for cid, check in loaded.items():
        q = check.questionnaire
        if not q.scored:
            continue
        answers: dict[str, str | tuple[str, ...]] = {}
        for x in q.questions:  # best option of every scored question; the first plain option of the rest
            if x.type == "multi":
                answers[x.id] = (next(o.id for o in x.options if not o.exclusive),)
            elif x.scores:
                answers[x.id] = x.best_option.id
            else:
                answers[x.id] = x.options[0].id
        r = evaluate(q, check.links, answers)
        if not r.flags:
            assert r.score == 100.0, cid
            assert r.verdict == q.verdicts[0].id, cid
            judged += 1
    assert judged  # at least one real scored check was judged


def test_an_empty_selection_scores_as_an_unanswered_question() -> None:
    """The browser's form leaves a question with nothing ticked out; [] from a file or a request is the same."""
    q = sample()
    left_out = evaluate(q, LINKS, {"a1": "yes", "b1": "good"})
    assert evaluate(q, LINKS, {"uses": (), "a1": "yes", "b1": "good"}) == left_out
    assert left_out.completeness.answered == 2
