"""The questionnaire model: areas (with their floors), questions, options, flags and verdict levels.

:func:`parse_questionnaire` turns schema-valid data (a parsed ``checks/<id>.yml``) into frozen objects and
checks what a schema cannot: unique ids, known areas and practices, conditions that point at earlier
questions and real options, scores only where an area is scored, and floors only where a verdict can hold them.
Show/hide conditions are modelled in :mod:`candor.model.conditions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from candor.model.conditions import Condition, Predicate, check_condition, parse_condition, predicate, sources
from candor.model.migration_links import registered_migrations
from candor.model.typical import Typical, parse_typical
from candor.model.vocabulary import FLAG_LEVELS, FlagLevel, Tone

NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class Flag:
    level: FlagLevel
    message: str
    advice: str | None = None


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    score: float | None
    flag: Flag | None
    exclusive: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    text: str
    help: str | None
    type: str  # "single" or "multi"
    options: tuple[Option, ...]
    na: bool
    weight: float
    practices: tuple[str, ...]
    show_if: Condition | None

    def option(self, option_id: str) -> Option | None:
        return self._options.get(option_id)

    @cached_property
    def _options(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    @cached_property
    def option_index(self) -> dict[str, int]:
        """Option id to its position (answers to several choices are kept in option order)."""
        return {o.id: i for i, o in enumerate(self.options)}

    @cached_property
    def best_score(self) -> float:
        return max((o.score for o in self.options if o.score is not None), default=0.0)

    @cached_property
    def scores(self) -> dict[str, float]:
        """Option id to its score, for the options that have one."""
        return {o.id: o.score for o in self.options if o.score is not None}

    @cached_property
    def lifts(self) -> dict[str, float]:
        """Option id to what choosing the best option instead would add to its area's sum (weight x the
        difference), for the options below the best of a question that counts."""
        if self.weight == 0:
            return {}
        return {oid: self.weight * (self.best_score - score) for oid, score in self.scores.items() if score < self.best_score}

    @cached_property
    def flagging(self) -> dict[str, Option]:
        """The options that raise a flag, by id."""
        return {o.id: o for o in self.options if o.flag is not None}

    @cached_property
    def best_option(self) -> Option:
        return max(self.options, key=lambda o: o.score or 0.0)


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    weight: float
    intro: str | None = None
    floor: float = 0.0  # a score below it caps the verdict at the level marked `cap: amber`
    hard_floor: float = 0.0  # a score below it forces the level marked `cap: red`

    @property
    def scored(self) -> bool:
        return self.weight > 0


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    tone: Tone  # how every output shows it
    summary: str
    min_score: float | None
    cap: str | None


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: str
    version: int
    summary: str
    areas: tuple[Area, ...]
    questions: tuple[Question, ...]
    verdicts: tuple[Verdict, ...]  # best first
    top_recommendations: int
    fix_first: int = 0  # how many changes "Fix these first" lists (content: the check's `fix_first`)
    judge_from: float = 1.0  # share of the questions shown that must be answered before a score is given
    migrations: tuple[Mapping[str, Any], ...] = ()
    typical: Typical | None = None

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    @cached_property
    def by_area(self) -> dict[str, tuple[Question, ...]]:
        return {a.id: tuple(q for q in self.questions if q.area == a.id) for a in self.areas}

    @cached_property
    def area_weights(self) -> dict[str, float]:
        return {a.id: a.weight for a in self.areas}

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @property
    def scored(self) -> bool:
        return any(a.scored for a in self.areas)

    def capped_verdict(self, level: FlagLevel) -> Verdict | None:
        return next((v for v in self.verdicts if v.cap == level), None)

    def condition_sources(self) -> set[str]:
        """Ids of the questions that decide whether other questions are shown."""
        return {qid for q in self.questions if q.show_if is not None for qid in sources(q.show_if)}

    @cached_property
    def shown_when(self) -> tuple[tuple[str, Predicate | None], ...]:
        """Each question's id with its condition compiled once (``None``: always shown), in question order."""
        return tuple((q.id, None if q.show_if is None else predicate(q.show_if)) for q in self.questions)


class QuestionnaireError(ValueError):
    """The questionnaire data is inconsistent; the message names the check and the id."""


def _option(raw: Mapping[str, Any]) -> Option:
    flag = raw.get("flag")
    return Option(
        id=raw["id"],
        label=raw["label"],
        score=float(raw["score"]) if "score" in raw else None,
        flag=Flag(flag["level"], flag["message"], flag.get("advice")) if flag else None,
        exclusive=bool(raw.get("exclusive", False)),
    )


Fail = Callable[[str], QuestionnaireError]  # makes the error for a problem, naming the check


def _areas(raw: Mapping[str, Any], method: Mapping[str, Any], fail: Fail) -> tuple[Area, ...]:
    areas = tuple(
        Area(a["id"], a["title"], float(a["weight"]), a.get("intro"),
             float(a.get("floor", method.get("floor", 0))) if a["weight"] > 0 else 0.0,
             float(a.get("hard_floor", method.get("hard_floor", 0))) if a["weight"] > 0 else 0.0)
        for a in raw["areas"]
    )
    if len({a.id for a in areas}) != len(areas):
        raise fail("area ids are not unique")
    return areas


def _verdicts(raw: Mapping[str, Any], areas: tuple[Area, ...], fail: Fail) -> tuple[Verdict, ...]:
    """The verdicts, checked against the areas: the worst is reachable, and every floor has a verdict to hold it."""
    verdicts = tuple(
        Verdict(v["id"], v["label"], v["tone"], v["summary"], v.get("min_score"), v.get("cap"))
        for v in raw["verdicts"]
    )
    if len({v.id for v in verdicts}) != len(verdicts):
        raise fail("verdict ids are not unique")
    if verdicts[-1].min_score not in (None, 0, 0.0) and any(a.weight > 0 for a in areas):
        raise fail("the last (worst) verdict must be reachable: give it min_score 0 or none")
    for level in FLAG_LEVELS:
        if sum(1 for v in verdicts if v.cap == level) > 1:
            raise fail(f"more than one verdict has cap {level!r}")
    for a, ra in zip(areas, raw["areas"], strict=True):
        if not a.scored and ("floor" in ra or "hard_floor" in ra):
            raise fail(f"area {a.id!r} is not scored, so it cannot have a floor")
        if a.hard_floor > a.floor > 0:
            raise fail(f"area {a.id!r}: hard_floor {a.hard_floor:g} is above its floor {a.floor:g}")
        for level, value in (("amber", a.floor), ("red", a.hard_floor)):
            if value > 0 and not any(v.cap == level for v in verdicts):
                raise fail(f"area {a.id!r} has a floor, but no verdict has cap {level!r} to hold it")
    return verdicts


def _options(rq: Mapping[str, Any], area: Area, fail: Fail) -> tuple[Option, ...]:
    """A question's options: unique ids, none named 'na', and scores exactly where the question is scored."""
    qid = rq["id"]
    options = tuple(_option(o) for o in rq["options"])
    opt_ids = [o.id for o in options]
    if len(set(opt_ids)) != len(opt_ids):
        raise fail(f"question {qid!r} has duplicate option ids")
    if NOT_APPLICABLE in opt_ids:
        raise fail(f"question {qid!r}: option id 'na' is reserved; use `na: true` instead")
    scored = [o for o in options if o.score is not None]
    if area.scored and rq.get("type", "single") == "single" and len(scored) != len(options):
        missing = [o.id for o in options if o.score is None]
        raise fail(f"question {qid!r} is in scored area {area.id!r}, so every option needs a score (missing: {', '.join(missing)})")
    if (not area.scored or rq.get("type", "single") == "multi") and scored:
        raise fail(f"question {qid!r} is not scored (unscored area or multiple choice), so its options may not have a score")
    return options


def _question(rq: Mapping[str, Any], areas: tuple[Area, ...], seen: Mapping[str, Question], practice_ids: Set[str],
              fail: Fail) -> Question:
    """One question; ``seen`` holds the questions before it (a condition may only look back)."""
    qid = rq["id"]
    if qid in seen:
        raise fail(f"question id {qid!r} is used twice")
    if qid == NOT_APPLICABLE:
        raise fail(f"question id {qid!r} is reserved")
    area = next((a for a in areas if a.id == rq["area"]), None)
    if area is None:
        raise fail(f"question {qid!r} names unknown area {rq['area']!r} (areas: {', '.join(a.id for a in areas)})")
    options = _options(rq, area, fail)
    unknown = [p for p in rq.get("practices", []) if p not in practice_ids]
    if unknown:
        raise fail(f"question {qid!r} links unknown practice id(s): {', '.join(unknown)}")
    show_if = parse_condition(rq["show_if"]) if "show_if" in rq else None
    if show_if is not None:
        check_condition(show_if, seen, qid, fail)
    return Question(
        id=qid, area=area.id, text=rq["text"], help=rq.get("help"), type=rq.get("type", "single"), options=options,
        na=bool(rq.get("na", False)), weight=float(rq.get("weight", 1)), practices=tuple(rq.get("practices", [])),
        show_if=show_if,
    )


def parse_questionnaire(raw: Mapping[str, Any], practice_ids: Set[str]) -> Questionnaire:
    """Build a :class:`Questionnaire` from schema-valid data, or raise :class:`QuestionnaireError`."""
    cid = raw["id"]

    def fail(what: str) -> QuestionnaireError:
        return QuestionnaireError(f"check {cid!r}: {what}")

    method = raw.get("method", {})
    areas = _areas(raw, method, fail)
    verdicts = _verdicts(raw, areas, fail)
    seen: dict[str, Question] = {}
    for rq in raw["questions"]:
        seen[rq["id"]] = _question(rq, areas, seen, practice_ids, fail)
    profile = {x.id: {o.id for o in x.options} for x in seen.values() if x.area == "profile"}
    typical = parse_typical(raw.get("typical"), profile, fail)
    return Questionnaire(
        id=cid,
        title=raw["title"],
        version=int(raw["version"]),
        summary=raw["summary"],
        areas=areas,
        questions=tuple(seen.values()),
        verdicts=verdicts,
        top_recommendations=int(raw.get("top_recommendations", 5)),
        fix_first=int(raw.get("fix_first", 0)),
        judge_from=float(method.get("judge_from", 1)),
        migrations=registered_migrations(raw, fail),
        typical=typical,
    )
