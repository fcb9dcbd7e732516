"""Compiling the quizzes and the learning path: each mistake names the file and the id."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from candor.compiler.catalog import Problems
from candor.compiler.content_files import read_catalog, read_content
from candor.compiler.learning import compile_learning, compile_quizzes, live_links

from ..conftest import CONTENT

PARSED = read_content(CONTENT)
CATALOG = read_catalog(CONTENT)
SCHEMAS = PARSED.schemas


def quiz_doc(name: str = "foundations") -> tuple[str, Any]:
    return next((n, copy.deepcopy(d)) for n, d in PARSED.quizzes if n == f"quizzes/{name}.yml")


def known() -> tuple[set[str], Any, set[str]]:
    return {t.id for t in CATALOG.themes}, CATALOG.practices, set(CATALOG.checks)


def test_the_published_quizzes_compile() -> None:
    out = Problems()
    quizzes, raws = compile_quizzes(PARSED.quizzes, CATALOG.practices, SCHEMAS, out)
    assert out.lines == [] and set(quizzes) == set(raws) == {n.split("/")[1][:-4] for n, _ in PARSED.quizzes}


def test_a_quiz_linking_a_deprecated_practice() -> None:
    name, data = quiz_doc()
    pid = data["questions"][0]["options"][0]["practice"]
    practices = {**CATALOG.practices, pid: replace(CATALOG.practices[pid], deprecated=True)}
    assert pid not in live_links(practices)
    out = Problems()
    quizzes, _ = compile_quizzes([(name, data)], practices, SCHEMAS, out)
    q, o = data["questions"][0], data["questions"][0]["options"][0]
    assert f"{name}: question {q['id']!r} option {o['id']!r} links deprecated practice {pid!r}" in out.lines
    assert quizzes == {}


def test_a_tempting_option_that_is_the_best_one_or_missing() -> None:
    name, data = quiz_doc()
    q = data["questions"][0]
    best = next(o["id"] for o in q["options"] if o.get("best"))
    q["tempting"]["option"] = best
    data["questions"][1]["tempting"]["option"] = "no-such-option"
    out = Problems()
    compile_quizzes([(name, data)], CATALOG.practices, SCHEMAS, out)
    assert out.lines == [
        f"{name}: question {q['id']!r}: tempting option {best!r} is the best option",
        f"{name}: question {data['questions'][1]['id']!r}: tempting option 'no-such-option' is not one of its options",
    ]


def test_without_a_learning_path_every_quiz_is_unused() -> None:
    out = Problems()
    quizzes = compile_quizzes(PARSED.quizzes[:1], CATALOG.practices, SCHEMAS, out)
    assert compile_learning(None, quizzes, known(), SCHEMAS, out) is None
    qid = next(iter(quizzes[0]))
    assert out.lines == [f"quizzes/{qid}.yml: quiz {qid!r} is not used by any module in learning.yml"]


def test_a_module_id_and_a_quiz_used_twice() -> None:
    assert PARSED.learning is not None
    name, data = PARSED.learning[0], copy.deepcopy(PARSED.learning[1])
    first, second = data["modules"][0], data["modules"][1]
    second["id"], second["quiz"] = first["id"], first["quiz"]
    out = Problems()
    quizzes = compile_quizzes(PARSED.quizzes, CATALOG.practices, SCHEMAS, out)
    compile_learning((name, data), quizzes, known(), SCHEMAS, out)
    where = f"learning.yml: module {first['id']!r}"
    assert f"{where}: id is not unique" in out.lines
    assert f"{where} uses quiz {first['quiz']!r}, already used by module {first['id']!r}" in out.lines
