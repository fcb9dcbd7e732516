"""The candor command line: version, text output, YAML input, and bad input naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from candor import __version__
from candor.cli import main


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"candor {__version__}"


def test_yaml_answers_give_a_text_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yml", "questionnaire: disclosure\nversion: 3\nanswers:\n  made: [chatbot]\n  tr-chatbot-disclosed: never\n")
    assert main(["check", "disclosure", path]) == 0
    out = capsys.readouterr().out
    assert "Verdict: An AI label is required [label-required] (provisional)" in out
    assert "[RED] A chatbot that lets people believe" in out
    assert "TR-01" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"questionnaire": "disclosure", "version": 3, "answers": {"colour": "red"}}',
         "detail: answers.colour: 'colour' is not a question of check 'disclosure' (version 3)."),
        ('{"questionnaire": "disclosure", "version": 3, "answers": {"tr-chatbot-disclosed": "sometimes"}}',
         "answers.tr-chatbot-disclosed: 'sometimes' is not an option. Valid choices: first-message, label-only, if-asked, never"),
        ('{"questionnaire": "disclosure", "version": 9, "answers": {}}', "These answers were made with version 9 of this check"),
        ('{"questionnaire": "disclosure", "answers": {}}', "version: is required but missing"),
        ('{"questionnaire": "other", "version": 1, "answers": {}}', "These answers are for another check (“other”)"),
        ('{"questionnaire": "disclosure", "version": 3, "answers": {"made": ["nothing", "copy"]}}',
         "'nothing' cannot be combined"),
        ('{"questionnaire": "disclosure",', "its text is damaged or incomplete"),
    ],
)
def test_invalid_input_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    assert main(["check", "disclosure", write(tmp_path, "a.json", text)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_unknown_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "nope", write(tmp_path, "a.json", "{}")]) == 2
    assert "unknown check 'nope'. Valid checks: " in capsys.readouterr().err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "disclosure", "/no/such/file.json"]) == 2
    assert "cannot read /no/such/file.json" in capsys.readouterr().err


def test_show_lists_ids_options_and_conditions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "disclosure"]) == 0
    out = capsys.readouterr().out
    assert "tr-chatbot-disclosed  [disclosure; one choice]" in out
    assert "shown only if made in [chatbot]" in out
    assert "  - never: No, or it presents itself as a person  (red flag)" in out


@pytest.mark.parametrize(
    ("answers", "fail_on", "allow", "code"),
    [
        ('made: [chatbot]\n  tr-chatbot-disclosed: never', "label-required", True, 1),
        ('made: [chatbot]\n  tr-chatbot-disclosed: never', "label-recommended", True, 1),
        ('made: [edits]\n  profile-regions: [eu]', "label-recommended", False, 0),  # complete: no flag
        ('made: [edits]', "label-recommended", True, 1),  # no verdict yet: a gate never passes that
        ('made: [images]\n  realism: photoreal', "label-required", False, 1),  # provisional
        # an unscored check judges only when complete (judge_from 1), so --allow-provisional cannot pass this either
        ('made: [images]\n  realism: photoreal', "label-required", True, 1),
        ('made: [images]\n  realism: photoreal\n  profile-regions: [us]\n  real-person: "no"\n  real-events: "no"\n'
         '  persona: "no"\n  label-placement: on-asset\n  metadata: kept', "label-required", False, 0),
        ('made: [images]\n  realism: photoreal', "label-recommended", True, 1),
    ],
)
def test_fail_on_gates_ci(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: str, fail_on: str, allow: bool, code: int
) -> None:
    path = write(tmp_path, "a.yml", f"questionnaire: disclosure\nversion: 3\nanswers:\n  {answers}\n")
    assert main(["check", "disclosure", path, "--fail-on", fail_on, *(["--allow-provisional"] if allow else [])]) == code
    assert ("--fail-on" in capsys.readouterr().err) == bool(code)


def test_fail_on_rejects_an_unknown_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yml", "questionnaire: disclosure\nversion: 3\nanswers: {}\n")
    assert main(["check", "disclosure", path, "--fail-on", "maybe"]) == 2
    assert "'maybe' is not a verdict of 'disclosure'. Valid: no-label, label-recommended, label-required" in capsys.readouterr().err


def test_an_empty_answers_file_has_no_verdict_and_fails_a_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yml", "questionnaire: disclosure\nversion: 3\nanswers: {}\n")
    assert main(["check", "disclosure", path, "--fail-on", "label-required"]) == 1
    assert "Verdict: No verdict yet" in capsys.readouterr().out


@pytest.mark.parametrize("check", sorted(p.stem for p in (Path(__file__).parents[2] / "content" / "checks").glob("*.yml")))
def test_every_check_names_the_field_and_choices_on_bad_input(
    check: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], loaded: dict[str, Any]
) -> None:
    q = loaded[check].questionnaire
    single = next(x for x in q.questions if x.type == "single")
    version = q.version
    bad_option = write(tmp_path, "a.json", f'{{"questionnaire": "{check}", "version": {version}, "answers": {{"{single.id}": "nope"}}}}')
    assert main(["check", check, bad_option]) == 2
    err = capsys.readouterr().err
    assert f"answers.{single.id}: 'nope' is not an option. Valid choices: {single.options[0].id}" in err
    unknown = write(tmp_path, "b.json", f'{{"questionnaire": "{check}", "version": {version}, "answers": {{"zz-unknown": "x"}}}}')
    assert main(["check", check, unknown]) == 2
    err = capsys.readouterr().err
    assert "These answers include one to a question this check does not have" in err
    assert f"detail: answers.zz-unknown: 'zz-unknown' is not a question of check '{check}'" in err
    future = write(tmp_path, "c.json", f'{{"questionnaire": "{check}", "version": {version + 1}, "answers": {{}}}}')
    assert main(["check", check, future]) == 2
    assert "newer than version" in capsys.readouterr().err


def golden_file(tmp_path: Path, name: str, drop: tuple[str, ...] = ()) -> str:
    case = json.loads((Path(__file__).parents[1] / "golden" / "prelaunch" / f"{name}.json").read_text())
    answers = {k: v for k, v in case["answers"]["answers"].items() if k not in drop}
    return write(tmp_path, "a.json", json.dumps({**case["answers"], "answers": answers}))


@pytest.mark.parametrize(
    ("case", "fail_on", "allow", "code"),
    [
        ("well-run", "conditions", False, 0),  # complete and ready
        ("half-answered", "conditions", False, 1),  # the file: profile, transparency, oversight only
        ("half-answered", "not-ready", True, 1),  # too little answered to judge: --allow-provisional cannot pass it
        ("unanswered-area", "conditions", False, 1),  # an area with no answer: provisional, ready with conditions at best
        ("unanswered-area", "conditions", True, 1),  # ... and the answered part does not allow "ready"
        ("unanswered-area", "not-ready", False, 1),  # provisional
        ("unanswered-area", "not-ready", True, 0),  # the answered part is good enough for this gate
        ("one-question-left", "not-ready", False, 1),
        ("one-question-left", "not-ready", True, 0),
        ("partly-answered", "not-ready", True, 1),  # an amber flag, but 9 of 39 answered: not enough to judge
    ],
)
def test_the_gate_holds_on_a_half_answered_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, fail_on: str, allow: bool, code: int
) -> None:
    args = ["assess", golden_file(tmp_path, case), "--fail-on", fail_on, *(["--allow-provisional"] if allow else [])]
    assert main(args) == code
    err = capsys.readouterr().err
    if code and fail_on == "not-ready":
        assert "provisional" in err or "too little is answered" in err or "no verdict yet" in err
    if code == 0:
        assert "--fail-on" not in err


def test_a_provisional_red_result_fails_the_gate_even_when_provisional_is_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], loaded: dict[str, Any]
) -> None:
    q = loaded["prelaunch"].questionnaire
    case = json.loads((Path(__file__).parents[1] / "golden" / "prelaunch" / "unanswered-area.json").read_text())
    answers = case["answers"]["answers"]
    question, option = next((x, o) for x in q.questions if x.id in answers and x.type == "single"
                            for o in x.options if o.flag and o.flag.level == "red")
    path = write(tmp_path, "a.json", json.dumps({**case["answers"], "answers": {**answers, question.id: option.id}}))
    assert main(["assess", path, "--fail-on", "not-ready", "--allow-provisional"]) == 1
    assert "the verdict is Not ready (not-ready), which --fail-on not-ready rejects" in capsys.readouterr().err


def test_the_help_states_the_gate_rule_and_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["assess", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--allow-provisional" in out and "exits 1 when the verdict is VERDICT or a worse one" in out
    assert "exit codes: 0 success (and the gate passed); 1 the result failed --fail-on; 2 bad input or content" in out


def test_show_lists_the_verdicts_with_the_page_s_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "outreach"]) == 0
    out = capsys.readouterr().out
    assert "  - ready: Ready to go  (good, score from 80)" in out
    assert "  - not-ready: Not ready  (bad, score from 0, forced by a red flag)" in out
    assert "area floors: ban-risk 50, ethics 50 (lower floor 25)" in out


def test_the_text_report_of_a_provisional_result_says_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", golden_file(tmp_path, "unanswered-area")]) == 0
    out = capsys.readouterr().out
    assert "Verdict: Ready with conditions [conditions] (provisional)\n" in out
    assert "Why: No answer yet in Bias and fairness: “Ready with conditions” at best until it is answered." in out
    assert "Still to answer: " in out and " in Bias and fairness" in out.split("Still to answer: ")[1].split("\n")[0]
