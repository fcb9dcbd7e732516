"""Bounds every outside input meets before it is parsed or shown: nesting depth, long numbers, and the
characters allowed in the bias calculator's group names (at the limit and one past it)."""

from __future__ import annotations

import json
import re
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pytest
from candor import bridge
from candor.bias.audit import audit
from candor.bias.chart import bar_chart
from candor.bias.input import BiasInputError, parse_groups
from candor.bias.pasted import parse_csv
from candor.cli import main
from candor.intake.decode import MAX_JSON_DEPTH, json_depth, parse_json_text
from candor.intake.yaml_answers import parse_answers_yaml
from candor.model.answers import AnswersError
from candor.util.names import isolate, name_key


def nested(depth: int) -> str:
    """An answers envelope whose one answer is a list nested so that the whole text is `depth` deep."""
    inner = "[" * (depth - 2) + "]" * (depth - 2)
    return '{"questionnaire": "disclosure", "version": 2, "answers": ' + "{" + f'"made": {inner}' + "}" + "}"


def test_the_depth_is_counted_outside_strings() -> None:
    assert json_depth('{"a": "[[[{{{", "b": [1, {"c": []}]}') == 4
    assert json_depth('"\\"[["') == 0
    assert json_depth(nested(MAX_JSON_DEPTH)) == MAX_JSON_DEPTH


def test_at_the_depth_limit_the_text_is_parsed() -> None:
    assert json_depth(nested(MAX_JSON_DEPTH)) == MAX_JSON_DEPTH
    assert parse_json_text(nested(MAX_JSON_DEPTH))["questionnaire"] == "disclosure"


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 3000, 100_000])
def test_one_level_past_the_limit_is_refused_before_parsing(depth: int) -> None:
    with pytest.raises(AnswersError, match="it is built far more deeply than one") as caught:
        parse_json_text(nested(depth) if depth < 5000 else "[" * depth)
    assert f"nest more than {MAX_JSON_DEPTH} levels deep" in caught.value.detail


def test_a_deep_request_gets_an_answer_not_a_crash() -> None:
    reply = json.loads(bridge.handle('{"op": "bias-audit", "rows": ' + "[" * 3000 + "]" * 3000 + "}"))
    assert reply["ok"] is False and "nest more than" in reply["error"]["detail"]
    text = "[" * 3000 + "]" * 3000
    reply = json.loads(bridge.handle(json.dumps({"op": "read", "check": "nope", "text": text})))
    assert reply["ok"] is False  # a string holding deep JSON is just a string to the request


def test_a_number_with_thousands_of_digits_is_a_message_not_an_internal_error() -> None:
    with pytest.raises(AnswersError, match="number far too long"):
        parse_json_text('{"questionnaire": "disclosure", "version": ' + "9" * 5000 + ', "answers": {}}')
    reply = json.loads(bridge.handle('{"op": "info", "x": ' + "9" * 5000 + "}"))
    assert reply["ok"] is False and "internal error" not in reply["error"]["message"]


def test_json_errors_name_the_place_once() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_json_text('{"questionnaire": "disc')
    assert "at at" not in caught.value.detail and "line" not in str(caught.value)
    assert caught.value.detail == "JSON: Unterminated string starting at line 1, column 19."


# ---- group names -----------------------------------------------------------------------------------------

def rows(*names: str) -> list[dict[str, Any]]:
    return [{"group": n, "successes": 10 + i, "total": 40} for i, n in enumerate(names)]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Group\u0001A", "U+0001"),
        ("\u202eGroup A", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Group\u200bA", "U+200B ZERO WIDTH SPACE"),
        ("Group\ud800", "U+D800"),
        ("Gro\u2066up", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("Group\u00adA", "U+00AD SOFT HYPHEN"),
    ],
)
def test_characters_that_hide_or_reorder_text_are_refused_in_names(name: str, shown: str) -> None:
    with pytest.raises(BiasInputError, match=re.escape(shown)) as caught:
        parse_groups(rows("Others", name))
    assert caught.value.field == "group" and caught.value.row == 2
    with pytest.raises(BiasInputError, match=re.escape(shown)):
        parse_csv(f"group,reached,eligible\nOthers,5,40\n\"{name}\",6,40\n")


def test_joiners_used_in_scripts_and_emoji_are_allowed() -> None:
    groups = parse_groups(rows("می\u200cخواهم", "👩\u200d💻 developers"))
    assert [g.name for g in groups] == ["می\u200cخواهم", "👩\u200d💻 developers"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Women", "women"),  # case
        ("Ａｄｕｌｔｓ", "Adults"),  # full-width compatibility forms
        ("Cafe\u0301", "Café"),  # decomposed and composed
        ("Straße", "STRASSE"),  # case folding, not just lower-casing
        ("Dev\u200dteam", "Devteam"),  # a joiner alone does not make a new group
        ("Over  65", "over 65"),  # spacing
    ],
)
def test_names_are_normalised_before_the_duplicate_check(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)
    with pytest.raises(BiasInputError, match="appears twice"):
        parse_groups(rows(first, second))


def test_names_are_kept_in_nfc() -> None:
    assert parse_groups(rows("Cafe\u0301", "Others"))[0].name == "Café"


def test_right_to_left_names_are_isolated_so_numbers_keep_their_order() -> None:
    result = audit(parse_groups([{"group": "عرب", "successes": 10, "total": 100}, {"group": "Others", "successes": 40, "total": 100}]))
    assert "“\u2068عرب\u2069” (10.0%, impact ratio 0.25)" in result.reading
    assert isolate("Others") == "Others"
    svg = bar_chart(result)
    xml.dom.minidom.parseString(svg)  # still well-formed XML
    assert "\u2068عرب\u2069" in svg


# ---- the CLI's YAML files meet the same rules ---------------------------------------------------------------

def yaml_nested(depth: int) -> str:
    """A YAML answers file whose data nests `depth` deep (the mapping, answers, then depth - 2 lists)."""
    return "questionnaire: disclosure\nversion: 2\nanswers:\n  made: " + "[" * (depth - 2) + "]" * (depth - 2) + "\n"


@pytest.mark.parametrize(("depth", "refused"), [(MAX_JSON_DEPTH, False), (MAX_JSON_DEPTH + 1, True), (900, True)])
def test_yaml_files_have_the_same_depth_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int, refused: bool) -> None:
    path = tmp_path / "a.yml"
    path.write_text(yaml_nested(depth))
    assert main(["check", "disclosure", str(path)]) == 2  # past the limit refused; at it, the schema refuses a list of lists
    err = capsys.readouterr().err
    assert ("nest more than" in err) is refused


def test_yaml_with_a_5000_digit_number_gets_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.yml"
    path.write_text("questionnaire: disclosure\nversion: " + "9" * 5000 + "\nanswers: {}\n")
    assert main(["check", "disclosure", str(path)]) == 2
    assert "number far too long" in capsys.readouterr().err


def test_yaml_that_refers_to_itself_is_refused_without_looping() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_answers_yaml("a: &x [1, *x]\n")
    assert "the alias *x refers to a value that contains it" in caught.value.detail
