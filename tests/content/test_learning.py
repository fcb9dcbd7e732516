"""Onboarding content: the learning path and its scenario quizzes are consistent, and mistakes fail the build
with the file and the id named."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from candor import bridge
from candor.bundle import LoadedCheck, browser_bundles
from candor.catalog import Catalog
from candor.evaluate import evaluate
from candor.intake import read_envelope
from candor.learning import count_words, module_minutes
from candor.schema_check import validate

from ..conftest import CONTENT, ROOT
from ..content_edits import edit, load, problems

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild import checklist, facilitator, learning_pages, reading_time

DOCS = ROOT / "docs"
LEARN = DOCS / "learn"
QUIZ_FILES = sorted((CONTENT / "quizzes").glob("*.yml"))


@pytest.fixture(scope="module")
def path_data() -> dict[str, Any]:
    return load(CONTENT / "learning.yml")


@pytest.fixture(scope="module")
def quizzes() -> dict[str, dict[str, Any]]:
    return {p.stem: load(p) for p in QUIZ_FILES}

def answer_cues(qid: str, questions: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """The option-length and position distribution of a quiz's best answers, and what gives them away."""
    longest = shortest = 0
    positions: dict[int, int] = {}
    for q in questions:
        lengths = [len(o["label"]) for o in q["options"]]
        best = next(i for i, o in enumerate(q["options"]) if o.get("best"))
        longest += lengths[best] == max(lengths)
        shortest += lengths[best] == min(lengths)
        positions[best + 1] = positions.get(best + 1, 0) + 1
    n = len(questions)
    summary = (f"{qid}: {n} questions; best is longest in {longest}, shortest in {shortest}; "
               f"best at position {dict(sorted(positions.items()))}")
    failures = []
    if longest * 3 > n:
        failures.append(f"{qid}: the best option is the longest in {longest} of {n} questions")
    if shortest * 3 > n:
        failures.append(f"{qid}: the best option is the shortest in {shortest} of {n} questions")
    if len(positions) == 1:
        failures.append(f"{qid}: the best option is always at position {next(iter(positions))}")
    return summary, failures



class TestPublishedLearningPath:
    def test_it_loads_and_matches_its_schemas(self, catalog: Catalog, path_data: dict[str, Any], quizzes: dict[str, Any]) -> None:
        assert validate(path_data, json.loads((CONTENT / "schema/learning.schema.json").read_text())) == []
        schema = json.loads((CONTENT / "schema/quiz.schema.json").read_text())
        for qid, quiz in quizzes.items():
            assert validate(quiz, schema) == [], qid
        assert catalog.learning is not None
        assert [m.id for m in catalog.learning.modules] == [m["id"] for m in path_data["modules"]]

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

    def test_each_quiz_has_five_to_ten_scenarios(self, quizzes: dict[str, Any]) -> None:
        for qid, quiz in quizzes.items():
            assert 5 <= len(quiz["questions"]) <= 10, qid
            assert quiz["id"] == qid
            for q in quiz["questions"]:
                assert len(q["scenario"].split()) >= 15, (qid, q["id"])  # a situation, not a one-line trivia question
                assert 3 <= len(q["options"]) <= 5, (qid, q["id"])

    def test_no_length_or_position_cue_gives_the_best_answer_away(self, quizzes: dict[str, Any]) -> None:
        """Per module: the best option is the longest (or the shortest) label in at most a third of the questions,
        and not always in the same place. Prints the distribution."""
        failures = []
        for qid, quiz in sorted(quizzes.items()):
            summary, found = answer_cues(qid, quiz["questions"])
            print(summary)
            failures += found
        assert not failures, failures

    def test_the_cue_check_passes_at_a_third_and_fails_one_past_it(self) -> None:
        def question(best_len: int, position: int) -> dict[str, Any]:
            lengths = [20, 30, 40]
            options = [{"label": "x" * n} for n in lengths]
            options.insert(position, {"label": "x" * best_len, "best": True})
            return {"options": options}

        at_limit = [question(50, i % 4) for i in range(2)] + [question(35, i % 4) for i in range(4)]  # 2 of 6
        assert answer_cues("q", at_limit)[1] == []
        one_past = [question(50, i % 4) for i in range(3)] + [question(35, i % 4) for i in range(5)]  # 3 of 8
        assert answer_cues("q", one_past)[1] == ["q: the best option is the longest in 3 of 8 questions"]
        shortest = [question(10, i % 4) for i in range(3)] + [question(35, i % 4) for i in range(5)]
        assert answer_cues("q", shortest)[1] == ["q: the best option is the shortest in 3 of 8 questions"]
        same_place = [question(35, 2) for _ in range(6)]
        assert answer_cues("q", same_place)[1] == ["q: the best option is always at position 3"]

    def test_every_question_names_a_tempting_wrong_option_for_the_facilitator(self, quizzes: dict[str, Any]) -> None:
        for qid, quiz in quizzes.items():
            for q in quiz["questions"]:
                wrong = {o["id"] for o in q["options"] if not o.get("best")}
                assert q["tempting"]["option"] in wrong, (qid, q["id"])

    def test_scenarios_vary_region_market_and_point_of_view(self, quizzes: dict[str, Any]) -> None:
        text = " ".join(q["scenario"] for quiz in quizzes.values() for q in quiz["questions"])
        for word in ("EU", "UK", "US", "Canada", "B2B", "agency", "two-person"):
            assert re.search(rf"\b{re.escape(word)}\b", text), word

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
        assert learning_pages.STORAGE_KEY not in (ROOT / "widgets/js/quiz.mjs").read_text()  # the build publishes it
        assert f"`{learning_pages.STORAGE_KEY}`" in (LEARN / "progress.md").read_text()


class TestGeneratedParts:
    def test_quiz_bundles_load_in_the_engine(self, catalog: Catalog, quizzes: dict[str, Any]) -> None:
        bundles = {uri.removeprefix("quizzes/").removesuffix(".json"): b for uri, b in browser_bundles(catalog).items()
                   if uri.startswith("quizzes/")}
        assert sorted(bundles) == sorted(quizzes)
        for qid, bundle in bundles.items():
            used = {o["practice"] for q in quizzes[qid]["questions"] for o in q["options"]}
            assert set(bundle["practices"]) == used, qid
            reply = json.loads(bridge.handle(json.dumps({"op": "quiz-load", "bundle": bundle})))
            assert reply == {"ok": True, "result": {"id": qid}}
            best = {q["id"]: next(o["id"] for o in q["options"] if o.get("best")) for q in quizzes[qid]["questions"]}
            scored = json.loads(bridge.handle(json.dumps({"op": "quiz-score", "quiz": qid, "answers": best})))
            assert scored["result"]["correct"] == scored["result"]["total"] == len(best)

    def test_the_checklist_has_one_line_for_every_must_practice(self, catalog: Catalog) -> None:
        musts = [p.id for p in catalog.practices.values() if p.level == "must" and not p.deprecated]
        text = checklist.checklist_markdown(catalog, "https://example.org/")
        html = checklist.checklist_html(catalog, "learn/checklist/")
        linked = r"^- \[ \] \*\*\[([A-Z]{2}-\d{2})\]\(https://example.org/guidance/[a-z-]+/#\1\)\*\*"
        assert sorted(re.findall(linked, text, re.M)) == sorted(musts)
        assert sorted(re.findall(r'data-practice="([A-Z]{2}-\d{2})"', html)) == sorted(musts)
        assert "should" not in {catalog.practices[p].level for p in re.findall(r'data-practice="([^"]+)"', html)}

    def test_quiz_form_is_static_html_with_labels_and_prefixed_ids(self, catalog: Catalog) -> None:
        loaded = catalog.learning
        assert loaded is not None
        for m in loaded.modules:
            html = learning_pages.quiz_html(loaded, m, f"learn/{m.id}/")
            ids = re.findall(r'\bid="([^"]+)"', html)
            assert ids and all(i.startswith(f"candor-quiz-{m.quiz}-") for i in ids), m.id
            assert len(ids) == len(set(ids)), m.id
            inputs = re.findall(r'<input type="radio" id="([^"]+)"', html)
            assert len(inputs) == sum(len(q.options) for q in loaded.quizzes[m.quiz].questions)
            for input_id in inputs:
                assert f'<label class="candor-option" for="{input_id}">' in html
            assert html.count("<fieldset") == html.count("<legend") == len(loaded.quizzes[m.quiz].questions)
            assert 'method="dialog"' in html  # without JavaScript, submitting never sends the answers anywhere

    def test_module_times_are_computed_from_the_words_and_questions(self, catalog: Catalog, path_data: dict[str, Any]) -> None:
        loaded = catalog.learning
        assert loaded is not None
        pace = loaded.pace
        times = reading_time.module_times(catalog, loaded, DOCS)
        for m in loaded.modules:
            words, minutes = times.words[m.id], times.minutes[m.id]
            reading = words / pace.words_per_minute + len(loaded.quizzes[m.quiz].questions) * pace.seconds_per_question / 60
            assert reading <= minutes < reading + pace.round_to_minutes, m.id
            print(f"{m.id}: {words} words, {len(loaded.quizzes[m.quiz].questions)} scenarios, {minutes} minutes")
        assert pace.round_to_minutes == 5
        assert module_minutes(2000, 0, pace) == 10  # exactly 10 minutes of reading stays 10
        assert module_minutes(2001, 0, pace) == 15  # one word past rounds up to the next step
        assert count_words("Read [PR-01](privacy.md#PR-01) now <!-- candor:form x --> { #a }") == 3


class TestFacilitatorKit:
    """Golden: the sample brief scored by the engine gives the result the guide states, and the debrief covers
    every must failure in it."""

    def test_the_brief_scores_as_the_guide_states(self, catalog: Catalog, loaded: dict[str, LoadedCheck]) -> None:
        data = load(CONTENT / "facilitator.yml")
        check = loaded[data["check"]]
        answers = {qid: a["answer"] for qid, a in data["answers"].items()}
        result = evaluate(check.questionnaire, check.links, answers).to_json()
        assert result["completeness"]["answered"] == result["completeness"]["visible"]
        assert data["version"] == check.questionnaire.version
        stated = data["stated_result"]
        assert result["verdict"] == stated["verdict"]
        assert round(result["score"], 1) == stated["score"]
        assert sum(f["level"] == "red" for f in result["flags"]) == stated["red"]
        assert sum(f["level"] == "amber" for f in result["flags"]) == stated["amber"]
        page = facilitator.result_markdown(facilitator_kit(catalog), "learn/facilitator.md")
        assert f"the check's verdict is **{result['verdict_label']}**, with a score of {result['score']:.1f} out of 100" in page
        assert f"{stated['red']} red flags and {stated['amber']} amber flags" in page

    def test_a_stated_result_that_drifts_fails_the_build(self, content: Path) -> None:
        stated = load(CONTENT / "facilitator.yml")["stated_result"]
        edit(content / "facilitator.yml", lambda d: d["stated_result"].update(score=round(stated["score"] + 0.1, 1)))
        found = problems(content)
        engine_gives = f"what the engine gives for the brief: {dict(stated)}"
        assert any(p.startswith("facilitator.yml: stated_result") and p.endswith(engine_gives) for p in found), found

    def test_every_must_failure_has_a_debrief_note_that_exists_in_the_answers(self, catalog: Catalog) -> None:
        kit = facilitator_kit(catalog)
        data = load(CONTENT / "facilitator.yml")
        failures = {r.question.id for r in kit.must_failures}
        assert failures, "the brief should fail some must practices"
        for r in kit.must_failures:
            assert r.debrief and r.fix, r.question.id
            assert data["answers"][r.question.id]["answer"] == (list(r.answer) if len(r.answer) > 1 else r.answer[0])
        # the seven must failures the first guide's notes missed, none of which raises a flag
        unflagged = {"dc-security", "vd-data-use", "ho-human-route", "ho-owner", "sm-rights", "gl-training", "gl-register"}
        assert unflagged <= failures
        assert all(r.flag is None for r in kit.must_failures if r.question.id in unflagged)
        table = facilitator.debrief_markdown(kit, catalog, "learn/facilitator.md")
        assert table.count("\n| ") == len(failures) + 2  # header and separator rows, then one row per must failure
        for r in kit.must_failures:
            assert facilitator._md(r.debrief or "") in table

    def test_a_must_failure_without_a_note_fails_the_build(self, content: Path) -> None:
        edit(content / "facilitator.yml", lambda d: d["answers"]["ho-owner"].pop("debrief"))
        found = problems(content)
        assert any("ho-owner = team is a must failure" in p for p in found), found

    def test_the_answer_table_and_download_hold_every_answer(self, catalog: Catalog) -> None:
        kit = facilitator_kit(catalog)
        table = facilitator.answers_markdown(kit, catalog, "learn/facilitator.md", "a.yml", "a.json")
        for r in kit.rows:
            assert facilitator._md(r.question.text) in table
        download = yaml.safe_load(facilitator.answers_yaml(kit))
        assert download == kit.answers_file()
        # the JSON copy goes through the same intake as an import on the check page, unchanged
        envelope, notes = read_envelope(json.dumps(kit.answers_file()), kit.check.questionnaire, kit.check.answers_schema)
        plain = {k: list(v) if isinstance(v, tuple) else v for k, v in envelope.answers.items()}
        assert notes == [] and plain == download["answers"]

    def test_the_pairs_split_covers_every_scored_area_once(self, catalog: Catalog) -> None:
        kit = facilitator_kit(catalog)
        areas = [a for g in kit.data["pairs"] for a in g["areas"]]
        scored = [a.id for a in kit.check.questionnaire.areas if a.scored]
        assert sorted(areas) == sorted(scored)
        print(facilitator.pairs_markdown(kit))


class TestChecklistLines:
    """Every line maps to exactly one practice, no two lines share a practice or a wording, and each line is one
    sentence with one action: it starts with an imperative verb and joins no second one with "and", "or", a
    comma or "then"."""

    def lines(self, catalog: Catalog) -> list[tuple[str, str]]:
        return [(p.id, p.checklist.line) for p in checklist.checklist_lines(catalog) if p.checklist]

    def test_one_line_per_practice_and_no_shared_wording(self, catalog: Catalog) -> None:
        lines = self.lines(catalog)
        ids = [pid for pid, _ in lines]
        assert len(ids) == len(set(ids))
        assert len({line.lower() for _, line in lines}) == len(lines)

    def test_each_line_is_one_sentence_with_one_action(self, catalog: Catalog) -> None:
        lines = self.lines(catalog)
        verbs = {line.split()[0].lower() for _, line in lines}
        print(f"{len(lines)} lines; leading verbs: {', '.join(sorted(verbs))}")
        second = re.compile(r"(?:,|;|\band|\bor|\bthen)\s+(" + "|".join(sorted(verbs)) + r")\b", re.I)
        for pid, line in lines:
            assert line.endswith(".") and line.count(". ") == 0 and ";" not in line, (pid, line)
            assert line[0].isupper(), (pid, line)
            assert not second.search(line), (pid, line)

    def test_campaign_lines_come_before_company_controls(self, catalog: Catalog) -> None:
        parts = checklist.checklist_parts(catalog)
        assert [p.scope for p in parts] == ["campaign", "company"]
        company = {p.id for _, _, items in parts[1].groups for p in items}
        assert {"GL-01", "GL-02", "GL-03", "SE-02", "VD-01", "TR-03"} <= company
        assert "VA-03" in {p.id for _, _, items in parts[0].groups for p in items}

    def test_a_must_practice_without_a_line_fails_the_build(self, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            next(p for p in d["practices"] if p["id"] == "VA-03").pop("checklist")

        edit(content / "practices/vulnerable-audiences.yml", change)
        assert problems(content) == [
            "practices/vulnerable-audiences.yml: must practice VA-03 has no checklist line (checklist: {line, scope})"
        ]


def facilitator_kit(catalog: Catalog) -> facilitator.Kit:
    assert catalog.facilitator is not None
    return catalog.facilitator


class TestBrokenContentFailsWithFileAndId:
    def test_two_best_answers(self, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            for o in d["questions"][0]["options"]:
                o["best"] = True

        edit(content / "quizzes/foundations.yml", change)
        found = problems(content)
        expected = "quizzes/foundations.yml: quiz 'foundations' question 'chatbot-persona': needs exactly one best option"
        assert any(p.startswith(expected) for p in found), found

    def test_no_best_answer(self, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            for o in d["questions"][1]["options"]:
                o.pop("best", None)

        edit(content / "quizzes/fairness.yml", change)
        assert any("quizzes/fairness.yml: quiz 'fairness' question 'job-ad-delivery': needs exactly one best option (found 0" in p
                   for p in problems(content))

    def test_schema_problem_in_a_quiz(self, content: Path) -> None:
        edit(content / "quizzes/channels.yml", lambda d: d["questions"][0]["options"][1].pop("explanation"))
        assert any(p.startswith("quizzes/channels.yml: questions[0].options[1]") for p in problems(content))

    def test_unknown_practice_in_a_quiz(self, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            q = next(q for q in d["questions"] if q["id"] == "voice-actor-clone")
            next(o for o in q["options"] if o["id"] == "contract-covers").update(practice="ZZ-99")

        edit(content / "quizzes/creative.yml", change)
        expected = "quizzes/creative.yml: question 'voice-actor-clone' option 'contract-covers' links unknown practice 'ZZ-99'"
        assert expected in problems(content)

    def test_too_few_scenarios(self, content: Path) -> None:
        edit(content / "quizzes/governance.yml", lambda d: d.update(questions=d["questions"][:4]))
        assert any(p.startswith("quizzes/governance.yml: questions") for p in problems(content))

    def test_unknown_theme_practice_check_and_quiz_in_a_module(self, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            d["modules"][0]["themes"].append("astrology")
            d["modules"][1]["practices"][0] = "ZZ-01"
            d["modules"][2]["quiz"] = "no-such-quiz"
            d["modules"][3]["practices"][0] = "PR-01"

        edit(content / "learning.yml", change)
        found = problems(content)
        assert "learning.yml: module 'foundations' covers unknown theme 'astrology'" in found
        assert "learning.yml: module 'data-privacy' lists unknown practice 'ZZ-01'" in found
        assert any(p.startswith("learning.yml: module 'fairness' links unknown quiz 'no-such-quiz'") for p in found)
        assert "learning.yml: module 'creative' lists practice 'PR-01', whose theme 'privacy' the module does not cover" in found
        assert "quizzes/fairness.yml: quiz 'fairness' is not used by any module in learning.yml" in found

    def test_unknown_check(self, content: Path) -> None:
        edit(content / "learning.yml", lambda d: d["modules"][0]["try"][0].update(check="horoscope"))
        assert any(p.startswith("learning.yml: modules[0].try[0].check") for p in problems(content))

    def test_a_theme_in_two_modules(self, content: Path) -> None:
        edit(content / "learning.yml", lambda d: d["modules"][1]["themes"].append("transparency"))
        expected = "learning.yml: module 'data-privacy' covers theme 'transparency', already covered by module 'foundations'"
        assert expected in problems(content)

    def test_quiz_file_name_must_match_its_id(self, content: Path) -> None:
        edit(content / "quizzes/creative.yml", lambda d: d.update(id="creativity"))
        assert "quizzes/creative.yml: quiz id 'creativity' does not match its file name 'creative'" in problems(content)
