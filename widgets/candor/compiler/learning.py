"""Compiling the onboarding content: the knowledge-check quizzes and the learning path.

Part of :mod:`candor.compiler.compile`. Every problem names the file and the id, for example
``quizzes/foundations.yml: quiz 'foundations' question 'chatbot-persona': needs exactly one best option``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from candor.compiler.catalog import Document, Practice, Problems
from candor.learning.path import LEARNING_FILE, QUIZ_FOLDER, ChecklistPart, ChecklistTexts, Learning, Module, Pace, TryIt
from candor.learning.quiz import Quiz, QuizError, parse_quiz
from candor.model.links import PracticeLink

Schemas = Mapping[str, Mapping[str, Any]]
SCOPES = ("campaign", "company")  # the checklist's parts, in print order


def live_links(practices: Mapping[str, Practice]) -> dict[str, PracticeLink]:
    """The practices a quiz option may link: every practice not deprecated."""
    return {pid: p.link for pid, p in practices.items() if not p.deprecated}


def _tempting_problems(name: str, raw: Mapping[str, Any]) -> list[str]:
    """Each question's facilitator note names one of its own options, and not the best one."""
    problems = []
    for q in raw["questions"]:
        options = {o["id"]: o.get("best", False) for o in q["options"]}
        tempting = q["tempting"]["option"]
        if tempting not in options or options[tempting]:
            problems.append(
                f"{name}: question {q['id']!r}: tempting option {tempting!r} "
                f"is {'the best option' if options.get(tempting) else 'not one of its options'}"
            )
    return problems


def _quiz(doc: Document, practices: Mapping[str, Practice], out: Problems) -> Quiz | None:
    name, raw = doc
    stem = name.rsplit("/", 1)[-1].removesuffix(".yml")
    if raw["id"] != stem:
        out.add(f"{name}: quiz id {raw['id']!r} does not match its file name {stem!r}")
        return None
    live = live_links(practices)
    unlinked = [
        f"{name}: question {q['id']!r} option {o['id']!r} links "
        f"{'deprecated' if o['practice'] in practices else 'unknown'} practice {o['practice']!r}"
        for q in raw["questions"] for o in q["options"] if o["practice"] not in live
    ]
    out.extend(unlinked)
    if unlinked:
        return None
    try:
        quiz = parse_quiz(raw, live)
    except QuizError as exc:
        out.add(f"{name}: {exc}")
        return None
    out.extend(_tempting_problems(name, raw))
    return quiz


def compile_quizzes(
    docs: Sequence[Document], practices: Mapping[str, Practice], schemas: Schemas, out: Problems
) -> tuple[dict[str, Quiz], dict[str, Mapping[str, Any]]]:
    """The valid quizzes by id, and their data as the browser bundles carry it."""
    quizzes: dict[str, Quiz] = {}
    raws: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        if out.schema(doc, schemas["quiz"]):
            quiz = _quiz(doc, practices, out)
            if quiz is not None:
                quizzes[quiz.id], raws[quiz.id] = quiz, doc[1]
    return quizzes, raws


def _module_problems(
    m: Mapping[str, Any], themes: set[str], practices: Mapping[str, Practice], checks: set[str], quizzes: Mapping[str, Quiz]
) -> list[str]:
    where = f"{LEARNING_FILE}: module {m['id']!r}"
    problems = [f"{where} covers unknown theme {t!r}" for t in m["themes"] if t not in themes]
    for pid in m["practices"]:
        p = practices.get(pid)
        if p is None or p.deprecated:
            problems.append(f"{where} lists {'unknown' if p is None else 'deprecated'} practice {pid!r}")
        elif p.theme not in m["themes"]:
            problems.append(f"{where} lists practice {pid!r}, whose theme {p.theme!r} the module does not cover")
    problems += [f"{where} links unknown check {t['check']!r}" for t in m["try"] if t["check"] not in checks]
    if m["quiz"] not in quizzes:
        problems.append(f"{where} links unknown quiz {m['quiz']!r} (no valid {QUIZ_FOLDER}/{m['quiz']}.yml)")
    return problems


def _shared_problems(modules: Sequence[Mapping[str, Any]], quizzes: Mapping[str, Quiz]) -> list[str]:
    """Ids used twice, themes covered twice, quizzes used twice or never."""
    problems: list[str] = []
    seen: set[str] = set()
    covered: dict[str, str] = {}
    quiz_owner: dict[str, str] = {}
    for m in modules:
        where = f"{LEARNING_FILE}: module {m['id']!r}"
        if m["id"] in seen:
            problems.append(f"{where}: id is not unique")
        seen.add(m["id"])
        for t in m["themes"]:
            if t in covered:
                problems.append(f"{where} covers theme {t!r}, already covered by module {covered[t]!r}")
            covered[t] = m["id"]
        if m["quiz"] in quiz_owner:
            problems.append(f"{where} uses quiz {m['quiz']!r}, already used by module {quiz_owner[m['quiz']]!r}")
        quiz_owner[m["quiz"]] = m["id"]
    return problems + [
        f"{QUIZ_FOLDER}/{qid}.yml: quiz {qid!r} is not used by any module in {LEARNING_FILE}" for qid in quizzes if qid not in quiz_owner
    ]


def _module(number: int, m: Mapping[str, Any]) -> Module:
    return Module(
        id=m["id"], number=number, title=m["title"], summary=m["summary"], objectives=tuple(m["objectives"]),
        themes=tuple(m["themes"]), practices=tuple(m["practices"]),
        try_it=tuple(TryIt(t["check"], t["why"]) for t in m["try"]), quiz=m["quiz"],
    )


def _checklist(data: Mapping[str, Any]) -> ChecklistTexts:
    return ChecklistTexts(data["title"], data["intro"], tuple(ChecklistPart(s, data[s]["title"], data[s]["intro"]) for s in SCOPES))


def compile_learning(
    doc: Document | None,
    quizzes: tuple[dict[str, Quiz], dict[str, Mapping[str, Any]]],
    known: tuple[set[str], Mapping[str, Practice], set[str]],
    schemas: Schemas,
    out: Problems,
) -> Learning | None:
    """The learning path; ``known`` is (theme ids, practices by id, check ids)."""
    if doc is None:
        out.extend([f"{QUIZ_FOLDER}/{qid}.yml: quiz {qid!r} is not used by any module in {LEARNING_FILE}" for qid in quizzes[0]])
        return None
    if not out.schema(doc, schemas["learning"]):
        return None
    data, (themes, practices, checks) = doc[1], known
    found = [p for m in data["modules"] for p in _module_problems(m, themes, practices, checks, quizzes[0])]
    out.extend(found + _shared_problems(data["modules"], quizzes[0]))
    if found:
        return None
    modules = tuple(_module(n, m) for n, m in enumerate(data["modules"], 1))
    return Learning(data["title"], modules, quizzes[0], quizzes[1], Pace(**data["pace"]), _checklist(data["checklist"]))
