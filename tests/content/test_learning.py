"""Onboarding content: the learning path and its scenario quizzes are consistent, and mistakes fail the build
with the file and the id named."""

from __future__ import annotations

import json
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from candor import bridge
from candor.bundle import LoadedCheck
from candor.catalog import Catalog
from candor.evaluate import evaluate
from candor.schema_check import validate

from ..conftest import CONTENT, ROOT

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild import learning

DOCS = ROOT / "docs"
LEARN = DOCS / "learn"
QUIZ_FILES = sorted((CONTENT / "quizzes").glob("*.yml"))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def path_data() -> dict[str, Any]:
    return load(CONTENT / "learning.yml")


@pytest.fixture(scope="module")
def quizzes() -> dict[str, dict[str, Any]]:
    return {p.stem: load(p) for p in QUIZ_FILES}


class TestPublishedLearningPath:
    def test_it_loads_and_matches_its_schemas(self, catalog: Catalog, path_data: dict[str, Any], quizzes: dict[str, Any]) -> None:
        assert validate(path_data, json.loads((CONTENT / "schema/learning.schema.json").read_text())) == []
        schema = json.loads((CONTENT / "schema/quiz.schema.json").read_text())
        for qid, quiz in quizzes.items():
            assert validate(quiz, schema) == [], qid
        loaded = learning.read_learning(catalog, CONTENT)
        assert [m.id for m in loaded.modules] == [m["id"] for m in path_data["modules"]]

    def test_every_question_has_exactly_one_best_answer(self, quizzes: dict[str, Any]) -> None:
        for qid, quiz in quizzes.items():
            for q in quiz["questions"]:
                assert sum(1 for o in q["options"] if o.get("best") is True) == 1, (qid, q["id"])

    def test_every_option_is_explained_and_links_a_live_practice(self, catalog: Catalog, quizzes: dict[str, Any]) -> None:
        for qid, quiz in quizzes.items():
            for q in quiz["questions"]:
                for o in q["options"]:
                    assert o.get("explanation", "").strip(), (qid, q["id"], o["id"])
                    practice = catalog.practices.get(o.get("practice", ""))
                    assert practice is not None and not practice.deprecated, (qid, q["id"], o["id"])

    def test_each_quiz_has_five_to_eight_scenarios(self, quizzes: dict[str, Any]) -> None:
        for qid, quiz in quizzes.items():
            assert 5 <= len(quiz["questions"]) <= 8, qid
            assert quiz["id"] == qid
            for q in quiz["questions"]:
                assert len(q["scenario"].split()) >= 15, (qid, q["id"])  # a situation, not a one-line trivia question
                assert 3 <= len(q["options"]) <= 5, (qid, q["id"])

    def test_the_best_answer_is_not_always_in_the_same_place(self, quizzes: dict[str, Any]) -> None:
        positions = {next(i for i, o in enumerate(q["options"]) if o.get("best")) for quiz in quizzes.values() for q in quiz["questions"]}
        assert len(positions) >= 3

    def test_modules_reference_existing_themes_practices_checks_and_quizzes(
        self, catalog: Catalog, path_data: dict[str, Any], quizzes: dict[str, Any]
    ) -> None:
        themes = {t.id for t in catalog.themes}
        for m in path_data["modules"]:
            assert set(m["themes"]) <= themes, m["id"]
            assert 3 <= len(m["objectives"]) <= 4, m["id"]
            assert 3 <= len(m["practices"]) <= 5, m["id"]
            for pid in m["practices"]:
                assert pid in catalog.practices and catalog.practices[pid].theme in m["themes"], (m["id"], pid)
            for t in m["try"]:
                assert t["check"] in catalog.checks, (m["id"], t["check"])
            assert m["quiz"] in quizzes, m["id"]
        assert sorted(m["quiz"] for m in path_data["modules"]) == sorted(quizzes)

    def test_every_theme_is_covered_by_exactly_one_module(self, catalog: Catalog, path_data: dict[str, Any]) -> None:
        covered = [t for m in path_data["modules"] for t in m["themes"]]
        assert sorted(covered) == sorted(t.id for t in catalog.themes)

    def test_every_module_has_its_page_with_its_quiz(self, path_data: dict[str, Any]) -> None:
        for m in path_data["modules"]:
            page = (LEARN / f"{m['id']}.md").read_text()
            assert f"<!-- candor:quiz {m['id']} -->" in page, m["id"]
            assert f"<!-- candor:module {m['id']} -->" in page, m["id"]
            assert page.startswith(f"# {m['title']}\n"), m["id"]
        index = (LEARN / "index.md").read_text()
        assert "<!-- candor:learning-path -->" in index
        assert "<!-- candor:checklist -->" in (LEARN / "checklist.md").read_text()
        assert "<!-- candor:progress -->" in (LEARN / "progress.md").read_text()

    def test_no_placeholder_text(self) -> None:
        pattern = re.compile(r"\b(TODO|TBD|lorem|coming soon)\b", re.I)
        for path in [CONTENT / "learning.yml", *QUIZ_FILES, *LEARN.glob("*.md")]:
            assert not pattern.search(path.read_text()), path

    def test_storage_key_is_documented_where_it_is_used(self) -> None:
        assert f'STORAGE_KEY = "{learning.STORAGE_KEY}"' in (ROOT / "widgets/js/quiz.mjs").read_text()
        assert f"`{learning.STORAGE_KEY}`" in (LEARN / "progress.md").read_text()


class TestGeneratedParts:
    def test_quiz_bundles_load_in_the_engine(self, catalog: Catalog, quizzes: dict[str, Any]) -> None:
        bundles = learning.quiz_bundles(catalog, CONTENT)
        assert sorted(bundles) == sorted(quizzes)
        for qid, bundle in bundles.items():
            used = {o["practice"] for q in quizzes[qid]["questions"] for o in q["options"]}
            assert set(bundle["practices"]) == used, qid
            reply = json.loads(bridge.handle(json.dumps({"op": "quiz-load", "bundle": bundle})))
            assert reply == {"ok": True, "result": {"id": qid}}
            best = {q["id"]: next(o["id"] for o in q["options"] if o.get("best")) for q in quizzes[qid]["questions"]}
            scored = json.loads(bridge.handle(json.dumps({"op": "quiz-score", "quiz": qid, "answers": best})))
            assert scored["result"]["correct"] == scored["result"]["total"] == len(best)

    def test_the_checklist_lists_every_must_practice(self, catalog: Catalog) -> None:
        musts = [p.id for p in catalog.practices.values() if p.level == "must" and not p.deprecated]
        text = learning.checklist_markdown(catalog)
        html = learning.checklist_html(catalog, "learn/checklist/")
        assert sorted(re.findall(r"^- \[ \] \*\*([A-Z]{2}-\d{2})\*\*", text, re.M)) == sorted(musts)
        assert sorted(re.findall(r'data-practice="([A-Z]{2}-\d{2})"', html)) == sorted(musts)
        assert "should" not in {catalog.practices[p].level for p in re.findall(r'data-practice="([^"]+)"', html)}

    def test_quiz_form_is_static_html_with_labels_and_prefixed_ids(self, catalog: Catalog) -> None:
        loaded = learning.read_learning(catalog, CONTENT)
        for m in loaded.modules:
            html = learning.quiz_html(loaded, m, f"learn/{m.id}/")
            ids = re.findall(r'\bid="([^"]+)"', html)
            assert ids and all(i.startswith(f"candor-quiz-{m.quiz}-") for i in ids), m.id
            assert len(ids) == len(set(ids)), m.id
            inputs = re.findall(r'<input type="radio" id="([^"]+)"', html)
            assert len(inputs) == sum(len(q.options) for q in loaded.quizzes[m.quiz].questions)
            for input_id in inputs:
                assert f'<label class="candor-option" for="{input_id}">' in html
            assert html.count("<fieldset") == html.count("<legend") == len(loaded.quizzes[m.quiz].questions)
            assert 'method="dialog"' in html  # without JavaScript, submitting never sends the answers anywhere

    def test_the_facilitator_answer_sheet_gives_the_verdict_the_guide_describes(self, loaded: dict[str, LoadedCheck]) -> None:
        page = (LEARN / "facilitator.md").read_text()
        sheet = yaml.safe_load(textwrap.dedent(re.search(r"```yaml\n(.*?)\n\s*```", page, re.S).group(1)))
        check = loaded[sheet["questionnaire"]]
        result = evaluate(check.questionnaire, check.links, sheet["answers"]).to_json()
        assert result["completeness"]["answered"] == result["completeness"]["visible"]
        flat = " ".join(page.split())
        assert f"the check's verdict is **{result['verdict_label']}**" in flat
        assert f"a score of about {round(result['score'])} out of 100" in flat
        reds = [f for f in result["flags"] if f["level"] == "red"]
        ambers = [f for f in result["flags"] if f["level"] == "amber"]
        words = {2: "Two", 3: "Three", 8: "Eight", 11: "Eleven"}
        assert f"{words.get(len(reds))} red flags" in flat and f"{words.get(len(ambers))} amber flags" in flat


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def edit(path: Path, change: Callable[[Any], None]) -> None:
    data = load(path)
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def problems(catalog: Catalog, root: Path) -> list[str]:
    with pytest.raises(ValueError) as info:
        learning.read_learning(catalog, root)
    assert isinstance(info.value, learning.LearningError)
    return info.value.problems


class TestBrokenContentFailsWithFileAndId:
    def test_two_best_answers(self, catalog: Catalog, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            for o in d["questions"][0]["options"]:
                o["best"] = True

        edit(content / "quizzes/foundations.yml", change)
        found = problems(catalog, content)
        expected = "quizzes/foundations.yml: quiz 'foundations' question 'chatbot-persona': needs exactly one best option"
        assert any(p.startswith(expected) for p in found), found

    def test_no_best_answer(self, catalog: Catalog, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            for o in d["questions"][1]["options"]:
                o.pop("best", None)

        edit(content / "quizzes/fairness.yml", change)
        assert any("quizzes/fairness.yml: quiz 'fairness' question 'job-ad-delivery': needs exactly one best option (found 0" in p
                   for p in problems(catalog, content))

    def test_schema_problem_in_a_quiz(self, catalog: Catalog, content: Path) -> None:
        edit(content / "quizzes/channels.yml", lambda d: d["questions"][0]["options"][1].pop("explanation"))
        assert any(p.startswith("quizzes/channels.yml: questions[0].options[1]") for p in problems(catalog, content))

    def test_unknown_practice_in_a_quiz(self, catalog: Catalog, content: Path) -> None:
        edit(content / "quizzes/creative.yml", lambda d: d["questions"][2]["options"][0].update(practice="ZZ-99"))
        assert "quizzes/creative.yml: question 'voice-actor-clone' option 'contract-covers' links unknown practice 'ZZ-99'" in problems(
            catalog, content
        )

    def test_too_few_scenarios(self, catalog: Catalog, content: Path) -> None:
        edit(content / "quizzes/governance.yml", lambda d: d.update(questions=d["questions"][:4]))
        assert any(p.startswith("quizzes/governance.yml: questions") for p in problems(catalog, content))

    def test_unknown_theme_practice_check_and_quiz_in_a_module(self, catalog: Catalog, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            d["modules"][0]["themes"].append("astrology")
            d["modules"][1]["practices"][0] = "ZZ-01"
            d["modules"][2]["quiz"] = "no-such-quiz"
            d["modules"][3]["practices"][0] = "PR-01"

        edit(content / "learning.yml", change)
        found = problems(catalog, content)
        assert "learning.yml: module 'foundations' covers unknown theme 'astrology'" in found
        assert "learning.yml: module 'data-privacy' lists unknown practice 'ZZ-01'" in found
        assert any(p.startswith("learning.yml: module 'fairness' links unknown quiz 'no-such-quiz'") for p in found)
        assert "learning.yml: module 'creative' lists practice 'PR-01', whose theme 'privacy' the module does not cover" in found
        assert "quizzes/fairness.yml: quiz 'fairness' is not used by any module in learning.yml" in found

    def test_unknown_check(self, catalog: Catalog, content: Path) -> None:
        edit(content / "learning.yml", lambda d: d["modules"][0]["try"][0].update(check="horoscope"))
        assert any(p.startswith("learning.yml: modules[0].try[0].check") for p in problems(catalog, content))

    def test_a_theme_in_two_modules(self, catalog: Catalog, content: Path) -> None:
        edit(content / "learning.yml", lambda d: d["modules"][1]["themes"].append("transparency"))
        assert "learning.yml: module 'data-privacy' covers theme 'transparency', already covered by module 'foundations'" in problems(
            catalog, content
        )

    def test_quiz_file_name_must_match_its_id(self, catalog: Catalog, content: Path) -> None:
        edit(content / "quizzes/creative.yml", lambda d: d.update(id="creativity"))
        assert "quizzes/creative.yml: quiz id 'creativity' does not match its file name 'creative'" in problems(catalog, content)
