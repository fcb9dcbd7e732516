"""Onboarding content: the learning path and its scenario quizzes are consistent, and mistakes fail the build
with the file and the id named."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from candor import bridge
from candor.checks.evaluate import evaluate
from candor.checks.loaded import LoadedCheck
from candor.compiler.bundle import browser_bundles
from candor.compiler.catalog import Catalog
from candor.intake.envelope import read_envelope
from candor.learning.path import count_words, module_minutes
from candor.util.schema_check import validate
from candor.util.storage_keys import QUIZ_ORDER_KEY

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



# A test-wise reader's cues (issue 33). The "cue-only" solver never reads the scenario: it drops the options that
# do nothing and picks the one with the most compliance words, splitting ties evenly. It must score no better
# than chance plus CUE_MARGIN of the questions; the best option may be the middle-length one no more often than
# chance plus the same margin.
CUE_MARGIN = 0.10
DO_NOTHING = re.compile(r"^(nothing|do nothing|no action|no change|keep (it|going|the \w+|using)\b|leave it|ignore|"
                        r"accept\b|go ahead|carry on|wait)", re.I)
COMPLIANCE = re.compile(r"\b(review\w*|approv\w*|written|writing|consent\w*|record\w*|check\w*|verif\w*|test\w*|"
                        r"assess\w*|audit\w*|disclos\w*|label\w*|polic\w*|legal|contract\w*|agree\w*|permission|"
                        r"notice|document\w*|log|logs|logged|register\w*|sign-off|DPIA|opt\w*)\b", re.I)


def cue_solver(q: dict[str, Any], pick: Callable[[list[int]], int] = max) -> float:
    """The expected score of the cue-only solver on one question (0 to 1; ties split evenly). With ``pick=min`` it
    is the reverse solver: if the bank overcorrected, the fewest compliance words would give the answer away."""
    options = [o for o in q["options"] if not DO_NOTHING.search(o["label"])] or q["options"]
    counts = [len(COMPLIANCE.findall(o["label"])) for o in options]
    top = [o for o, c in zip(options, counts, strict=True) if c == pick(counts)]
    return sum(1 for o in top if o.get("best")) / len(top)


def is_middle_length(q: dict[str, Any]) -> bool:
    lengths = [len(o["label"]) for o in q["options"]]
    best = next(i for i, o in enumerate(q["options"]) if o.get("best"))
    return min(lengths) < lengths[best] < max(lengths)


def bank_cues(questions: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """What a reader who ignores the scenarios scores: the cue-only solver and the middle-length pick."""
    n = len(questions)
    chance = sum(1 / len(q["options"]) for q in questions)
    solver = sum(cue_solver(q) for q in questions)
    reverse = sum(cue_solver(q, min) for q in questions)
    middle = sum(is_middle_length(q) for q in questions)
    middle_chance = sum((len(q["options"]) - 2) / len(q["options"]) for q in questions)
    summary = (f"{n} questions: cue-only solver {solver:.1f}, reversed {reverse:.1f} (chance {chance:.1f}); best is "
               f"middle-length in {middle} (chance {middle_chance:.1f})")
    failures = []
    if solver > chance + CUE_MARGIN * n:
        failures.append(f"the cue-only solver scores {solver:.1f} of {n}, over chance ({chance:.1f}) plus {CUE_MARGIN:.0%}")
    if reverse > chance + CUE_MARGIN * n:
        failures.append(f"the reversed solver scores {reverse:.1f} of {n}, over chance ({chance:.1f}) plus {CUE_MARGIN:.0%}")
    if middle > middle_chance + CUE_MARGIN * n:
        failures.append(f"the best option is the middle-length one in {middle} of {n}, over chance ({middle_chance:.1f}) "
                        f"plus {CUE_MARGIN:.0%}")
    return summary, failures


def position_cues(quizzes: dict[str, dict[str, Any]]) -> list[str]:
    """Per module, no position holds the best option in more than half the questions, and no two modules share the
    best option's positions over their first five questions (a pattern learnt in one module gives the next away)."""
    failures = []
    openings: dict[tuple[int, ...], str] = {}
    for qid, quiz in sorted(quizzes.items()):
        places = [next(i for i, o in enumerate(q["options"]) if o.get("best")) + 1 for q in quiz["questions"]]
        for place in set(places):
            if places.count(place) * 2 > len(places):
                failures.append(f"{qid}: the best option is at position {place} in {places.count(place)} of {len(places)}")
        opening = tuple(places[:5])
        if opening in openings:
            failures.append(f"{qid}: the best options open at positions {opening}, as in {openings[opening]}")
        openings.setdefault(opening, qid)
    return failures


# Where a scenario happens: countries, states and blocs (not languages: "she speaks German" sets nothing).
PLACE = re.compile(r"\b(EU|UK|US|Europe|Canada|Ontario|Toronto|Germany|France|Spain|Netherlands|Ireland|Italy|Ohio|"
                   r"California|New York|Texas|Britain)\b")
LAW_FAMILIES = {"eu-law", "us-law", "other-law"}



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

    def test_a_test_wise_reader_scores_no_better_than_chance(self, quizzes: dict[str, Any]) -> None:
        """The cue-only solver and the middle-length pick, over the whole bank, stay within chance plus the margin.
        Prints each module's figures."""
        for qid, quiz in sorted(quizzes.items()):
            print(f"{qid}: {bank_cues(quiz['questions'])[0]}")
        summary, failures = bank_cues([q for quiz in quizzes.values() for q in quiz["questions"]])
        print(f"bank: {summary}")
        assert not failures, failures

    def test_no_position_pattern_repeats_across_modules(self, quizzes: dict[str, Any]) -> None:
        assert position_cues(quizzes) == []

    def test_the_bank_cue_checks_pass_at_the_margin_and_fail_one_past_it(self) -> None:
        def question(best: str, others: list[str]) -> dict[str, Any]:
            return {"options": [{"label": best, "best": True}, *({"label": o} for o in others)]}

        cued = question("Record consent and review it", ["Send it now", "Post it today"])  # solver picks it
        fair = question("Send the post out today", ["Record consent", "Send it now"])  # both solvers split or miss
        # 3 options: chance 1/3 each; 10 questions -> chance 3.33, limit 4.33
        at_limit = [cued] * 4 + [fair] * 6
        assert bank_cues(at_limit)[1] == []
        one_past = [cued] * 5 + [fair] * 5
        assert bank_cues(one_past)[1] == ["the cue-only solver scores 5.0 of 10, over chance (3.3) plus 10%"]
        reversed_cue = question("Send it now", ["Record consent", "Review the post"])  # fewest compliance words wins
        assert cue_solver(reversed_cue, min) == 1.0
        assert bank_cues([reversed_cue] * 5 + [cued] * 5)[1] == [
            "the cue-only solver scores 5.0 of 10, over chance (3.3) plus 10%",
            "the reversed solver scores 5.0 of 10, over chance (3.3) plus 10%",
        ]
        nothing = question("Post it", ["Nothing, so record it", "Share it"])
        assert cue_solver(nothing) == 0.5  # "Nothing" is dropped, then the two left tie at no compliance words
        middle = question("xx", ["x", "xxx"])
        not_middle = question("xxxx", ["x", "xxx"])
        assert bank_cues([middle] * 4 + [not_middle] * 6)[1] == []  # chance 0 (3 options: 1/3), limit 4.33
        assert bank_cues([middle] * 5 + [not_middle] * 5)[1][-1].startswith("the best option is the middle-length one in 5")

    def test_the_position_check_fails_on_a_repeated_opening_and_a_favourite_place(self) -> None:
        def quiz(places: list[int]) -> dict[str, Any]:
            return {"questions": [{"options": [{"label": "a", "best": p == 1}, {"label": "b", "best": p == 2},
                                               {"label": "c", "best": p == 3}]} for p in places]}

        fine = {"a": quiz([1, 3, 2, 2, 1, 3]), "b": quiz([2, 1, 3, 1, 3, 2])}
        assert position_cues(fine) == []
        repeated = {"a": quiz([1, 3, 2, 2, 1, 3]), "b": quiz([1, 3, 2, 2, 1, 1])}
        assert position_cues(repeated) == ["b: the best options open at positions (1, 3, 2, 2, 1), as in a"]
        favourite = {"a": quiz([1, 3, 1, 2, 1, 3])}  # 3 of 6 is half: allowed
        assert position_cues(favourite) == []
        assert position_cues({"a": quiz([1, 3, 1, 2, 1, 1])}) == ["a: the best option is at position 1 in 4 of 6"]

    def test_every_scenario_that_turns_on_a_law_names_where_it_happens(self, catalog: Catalog, quizzes: dict[str, Any]) -> None:
        """Where the best response rests on a practice that cites a law, the answer depends on the jurisdiction, so
        the scenario says where it is set."""
        missing = []
        for qid, quiz in quizzes.items():
            for q in quiz["questions"]:
                best = catalog.practices[next(o["practice"] for o in q["options"] if o.get("best"))]
                turns_on_law = any(catalog.sources[m.source].family in LAW_FAMILIES for m in best.mappings)
                if turns_on_law and not PLACE.search(q["scenario"]):
                    missing.append(f"{qid}/{q['id']}")
        assert missing == []

    def test_the_answer_key_names_options_by_their_text(self, catalog: Catalog) -> None:
        """Options are shown in a different order to each learner, so nothing may name them by letter or number."""
        loaded = catalog.learning
        assert loaded is not None
        for m in loaded.modules:
            html = learning_pages.quiz_html(loaded, m, f"learn/{m.id}/")
            key = html[html.index('<details class="candor-quiz-key"'):]
            for q in loaded.quizzes[m.quiz].questions:
                assert f"Best response: “{q.best.label}”" in key.replace("&quot;", '"').replace("&#x27;", "'"), q.id
            assert not re.search(r"\b(option|answer|choice) [A-E1-5]\b|(?<![\w)])\([a-e]\)", html, re.I), m.id

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

    def test_the_option_order_seed_is_published_and_documented(self, catalog: Catalog) -> None:
        """The seed of each learner's option order is stored on purpose: under a key the build publishes on every
        quiz, written in no script, listed on the progress and privacy pages."""
        loaded = catalog.learning
        assert loaded is not None
        for m in loaded.modules:
            assert f'data-candor-order-key="{QUIZ_ORDER_KEY}"' in learning_pages.quiz_html(loaded, m, f"learn/{m.id}/")
        for script in ("quiz.mjs", "quiz-order.mjs"):
            assert QUIZ_ORDER_KEY not in (ROOT / "widgets/js" / script).read_text()
        assert f"`{QUIZ_ORDER_KEY}`" in (LEARN / "progress.md").read_text()
        assert f"`{QUIZ_ORDER_KEY}`" in (DOCS / "about/privacy.md").read_text()


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
        lines = sorted(p.id for p in catalog.practices.values() if p.checklist for _ in p.checklist.lines)
        linked = r"^- \[ \] \*\*\[([A-Z]{2}-\d{2})\]\(https://example.org/guidance/[a-z-]+/#\1\)\*\*"
        assert sorted(re.findall(linked, text, re.M)) == lines and set(lines) == set(musts)
        assert sorted(re.findall(r'data-practice="([A-Z]{2}-\d{2})"', html)) == lines
        ids = re.findall(r'<input type="checkbox" id="([^"]+)"', html)
        assert len(ids) == len(set(ids)) == len(lines)
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

    def test_a_shortlist_item_that_is_not_a_must_failure_fails_the_build(self, content: Path) -> None:
        def change(d: dict[str, Any]) -> None:
            d["debrief_shortlist"][0]["question"] = "profile-regions"
            d["debrief_shortlist"][1]["question"] = "ho-owner"  # already listed last

        edit(content / "facilitator.yml", change)
        found = problems(content)
        assert "facilitator.yml: debrief_shortlist names 'profile-regions', which is not a must failure of the brief" in found
        assert "facilitator.yml: debrief_shortlist names 'ho-owner' twice" in found

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

    def test_each_part_of_the_exercise_is_about_twenty_questions(self, catalog: Catalog) -> None:
        """Twenty minutes, one question a minute: each part, profile included, has 18 to 22 questions shown for the
        brief, and parts are never merged (fewer pairs take fewer parts)."""
        kit = facilitator_kit(catalog)
        visible = set(kit.result["visible"])
        questions = kit.check.questionnaire.questions
        profile = sum(1 for q in questions if q.area == "profile" and q.id in visible)
        for part in kit.data["pairs"]:
            n = profile + sum(1 for q in questions if q.area in part["areas"] and q.id in visible)
            assert 18 <= n <= 22, (part["id"], n)
        guide = (LEARN / "facilitator.md").read_text()
        assert "merge" not in guide.lower()

    def test_the_debrief_shortlist_fits_the_debrief(self, catalog: Catalog) -> None:
        """Eight must failures with minutes each; with a minute per part for the pairs' reports, they fill the
        debrief block of the agenda exactly."""
        kit = facilitator_kit(catalog)
        shortlist = kit.data["debrief_shortlist"]
        failures = {r.question.id for r in kit.must_failures}
        assert len(shortlist) == 8 and len({s["question"] for s in shortlist}) == 8
        assert {s["question"] for s in shortlist} <= failures
        guide = (LEARN / "facilitator.md").read_text()
        block = re.search(r"\| (\d):(\d\d) to (\d):(\d\d) \| Debrief \|", guide)
        assert block is not None
        h1, m1, h2, m2 = (int(x) for x in block.groups())
        assert sum(s["minutes"] for s in shortlist) + len(kit.data["pairs"]) == (h2 * 60 + m2) - (h1 * 60 + m1)
        table = facilitator.shortlist_markdown(kit, catalog, "learn/facilitator.md")
        assert table.count("\n| ") == 8 + 2  # header and separator rows, then one row per item
        for item in shortlist:
            row = next(r for r in kit.must_failures if r.question.id == item["question"])
            assert facilitator._md(row.debrief or "") in table

    def test_the_prep_list_names_laptops_and_the_guide_has_an_attendance_sheet(self) -> None:
        guide = (LEARN / "facilitator.md").read_text()
        prep = guide[guide.index("## Before the session"):guide.index("## Agenda")]
        assert "laptop" in prep
        assert "## Attendance sheet" in guide
        prompts = guide[guide.index("## Discussion prompts"):guide.index("## Exercise")]
        assert prompts.count("*Facilitator's note:*") == 8  # one for each of the eight prompts

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
        return [(p.id, line) for p in checklist.checklist_lines(catalog) if p.checklist for line in p.checklist.lines]

    def test_every_line_belongs_to_one_practice_and_no_two_share_wording(self, catalog: Catalog) -> None:
        lines = self.lines(catalog)
        assert len({line.lower() for _, line in lines}) == len(lines)
        assert len(checklist.checklist_lines(catalog)) == len(set(checklist.checklist_lines(catalog)))

    def test_bundled_practices_get_one_line_per_action(self, catalog: Catalog) -> None:
        """Issue 33: practices whose rule bundles actions check each on its own line (checklist.also)."""
        counts = {pid: n for pid, n in ((p.id, len(p.checklist.lines)) for p in checklist.checklist_lines(catalog) if p.checklist)}
        for pid in ("TR-06", "BI-06", "SE-05", "GL-01", "SE-02", "TA-04"):
            assert counts[pid] >= 2, pid
        print(f"{sum(counts.values())} lines for {len(counts)} must practices")

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

    def test_lines_that_could_not_be_ticked_now_can(self, catalog: Catalog) -> None:
        """Issue 33: a live chatbot's line says what oversight it needs; customer reviews are not creators' posts;
        no line asks for a judgement it does not define ("awkward", "imitated styles", "compare")."""
        lines = dict(self.lines(catalog))
        assert "live chatbot" in lines["HO-01"]
        assert lines["EN-01"].startswith("Publish customer reviews")
        for pid in ("HO-06", "IP-02", "CL-04"):
            assert lines[pid].startswith("Confirm that"), pid
        assert not re.search(r"awkward|imitated styles|\bcompare\b", " ".join(lines.values()), re.I)
        claims = [lines[p] for p in ("CL-01", "CL-02", "TA-02")]
        assert len({c.split()[0] for c in claims}) == 3  # three different checks, not one said three times

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
