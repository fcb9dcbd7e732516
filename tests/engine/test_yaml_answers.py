"""candor.intake.yaml_answers: the command line's YAML reader, safe and bounded (aliases, expansion, depth, duplicate keys)."""

from __future__ import annotations

import pytest
from candor.intake.decode import DAMAGED, MAX_JSON_DEPTH, MAX_NUMBER_DIGITS, MAX_YAML_ALIASES, MAX_YAML_NODES
from candor.intake.yaml_answers import TAGGED, parse_answers_yaml
from candor.model.answers import AnswersError


def refusal(text: str) -> tuple[str, str]:
    """The plain message and, apart, the technical detail."""
    with pytest.raises(AnswersError) as info:
        parse_answers_yaml(text)
    return str(info.value), info.value.detail


def refused(text: str) -> str:
    return "\n".join(refusal(text))


def billion_laughs() -> str:
    lines = ["questionnaire: disclosure", "version: 2", "answers:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_answers_file_reads_as_data() -> None:
    text = "# exported\nquestionnaire: disclosure\nversion: 2\nsaved_at: 2026-12-03\nanswers:\n  made: [chatbot]\n  chatbot-tells: never\n"
    assert parse_answers_yaml(text) == {
        "questionnaire": "disclosure", "version": 2, "saved_at": "2026-12-03",  # a date stays text, as in JSON
        "answers": {"made": ["chatbot"], "chatbot-tells": "never"},
    }


def test_the_billion_laughs_file_is_refused_while_it_is_read() -> None:
    text = billion_laughs()
    assert len(text.encode()) < 450
    assert refusal(text) == (
        "This is not a Candor answers file: once its aliases (*name) are expanded, it holds far more values than one. "
        "Nothing was read from it.",
        f"At line 8, column 13, it expands to more than {MAX_YAML_NODES:,} values once its aliases are expanded.",
    )


def test_aliases_at_the_limit_and_one_past() -> None:
    def doc(count: int) -> str:
        return "a: &a copy\nb: [" + ", ".join(["*a"] * count) + "]\n"

    assert parse_answers_yaml(doc(MAX_YAML_ALIASES))["b"] == ["copy"] * MAX_YAML_ALIASES
    assert f"it has more than {MAX_YAML_ALIASES} aliases (*name)" in refused(doc(MAX_YAML_ALIASES + 1))


def test_values_at_the_limit_and_one_past_each_alias_counted_at_its_expanded_size() -> None:
    plain = MAX_YAML_NODES - 3  # the mapping, its key and the list hold the rest
    assert len(parse_answers_yaml("k: [" + ",".join(["1"] * plain) + "]")["k"]) == plain
    assert f"more than {MAX_YAML_NODES:,} values" in refused("k: [" + ",".join(["1"] * (plain + 1)) + "]")

    aliases = 98  # a list of 200 values is 201; each alias to it counts 201 again
    padding = MAX_YAML_NODES - (1 + 1 + 201 + 1 + 1 + 201 * aliases + 2)

    def doc(extra: int) -> str:
        return ("a: &a [" + ",".join(["x"] * 200) + "]\nb: [" + ",".join(["*a"] * aliases) + "]\n"
                "c: [" + ",".join(["y"] * extra) + "]\n")

    assert len(doc(padding).encode()) < 3000
    assert len(parse_answers_yaml(doc(padding))["b"]) == aliases
    assert f"more than {MAX_YAML_NODES:,} values" in refused(doc(padding + 1))


def test_nesting_at_the_limit_and_one_past() -> None:
    def doc(levels: int) -> str:  # the mapping is one level; each [ another
        return "k: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"

    assert parse_answers_yaml(doc(MAX_JSON_DEPTH)) is not None
    assert f"lists and mappings nest more than {MAX_JSON_DEPTH} levels deep (an answers file nests 3)" in refused(doc(MAX_JSON_DEPTH + 1))
    assert "nest more than" in refused("k: " + "[" * 100_000)  # refused while reading: no recursion error, no wait


def test_an_alias_counts_the_depth_of_what_it_stands_for() -> None:
    inner = 20  # levels inside the anchored list, itself included

    def doc(around: int) -> str:  # the alias sits inside the root mapping and `around` lists
        return f"a: &a {'[' * inner}{']' * inner}\nb: {'[' * around}*a{']' * around}\n"

    fits = MAX_JSON_DEPTH - inner - 1
    assert parse_answers_yaml(doc(fits)) is not None
    assert "nest more than" in refused(doc(fits + 1))


def test_duplicate_keys_are_refused_naming_the_key_and_both_places() -> None:
    text = "questionnaire: disclosure\nversion: 2\nanswers:\n  made: [chatbot]\n  made: [copy]\n"
    assert refusal(text) == (
        "The file gives “made” twice in the same place, so Candor cannot tell which one to use. Keep one of them and "
        "try again.",
        "At line 5, column 3, the key 'made' appears twice in the same mapping (first at line 4, column 3).",
    )
    assert "the key 'version' appears twice" in refused("version: 2\nversion: 3\n")
    assert parse_answers_yaml("a: {made: 1}\nb: {made: 2}\n") == {"a": {"made": 1}, "b": {"made": 2}}


def test_a_merge_key_is_not_a_duplicate() -> None:
    assert parse_answers_yaml("base: &b {made: copy}\nanswers:\n  <<: *b\n  tone: x\n")["answers"] == {"made": "copy", "tone": "x"}


@pytest.mark.parametrize(
    ("text", "message", "detail"),
    [
        ("a: !!python/object/apply:os.system ['echo owned']\n", TAGGED,
         "YAML: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed at line 1, column 4."),
        ("a: &a [*a]\n", "This is not a Candor answers file: it holds a value that contains itself.",
         "At line 1, column 8, the alias *a refers to a value that contains it."),
        ("a: *nowhere\n", DAMAGED, "YAML: found undefined alias 'nowhere' at line 1, column 4."),
        ("a: 1\n---\nb: 2\n", DAMAGED, "YAML: but found another document at line 2, column 1."),
        ("a: [1, 2\n", DAMAGED, "YAML: expected ',' or ']', but got '<stream end>' at line 2, column 1."),
        ("version: 1" + "0" * 5000 + "\n", "This is not a Candor answers file: it holds a number far too long",
         f"At line 1, column 10, a number has more than {MAX_NUMBER_DIGITS:,} digits."),
    ],
)
def test_other_problems_are_plain_messages_with_the_detail_apart(text: str, message: str, detail: str) -> None:
    said, technical = refusal(text)
    assert said.startswith(message) and technical == detail
    assert "YAML" not in said and "line" not in said


def test_a_message_never_quotes_a_long_value_whole() -> None:
    long_tag = "!" + "x" * 100_000
    assert len(refused(f"a: {long_tag} 1\n")) < 300
    long_key = "k" * 100_000
    assert len(refused(f"{long_key}: 1\n{long_key}: 2\n")) < 300
    long_anchor = "n" * 100_000
    assert len(refused(f"a: &{long_anchor} [*{long_anchor}]\n")) < 300


@pytest.mark.parametrize(
    ("largest", "one_past"),
    [
        ("9" * MAX_NUMBER_DIGITS, "1" + "0" * MAX_NUMBER_DIGITS),  # 4,300 digits, as JSON allows, and 4,301
        (hex(10**MAX_NUMBER_DIGITS - 1), hex(10**MAX_NUMBER_DIGITS)),  # the same values in hexadecimal
        # and none written longer than 4,300 characters, whatever its value: octal (YAML 1.1: 0777), binary, base 60
        ("0" + "7" * (MAX_NUMBER_DIGITS - 1), "0" + "7" * MAX_NUMBER_DIGITS),
        ("0b" + "1" * (MAX_NUMBER_DIGITS - 2), "0b" + "1" * (MAX_NUMBER_DIGITS - 1)),
        ("1" + ":59" * 1433, "10" + ":59" * 1433),
    ],
    ids=["decimal", "hexadecimal", "octal", "binary", "base-60"],
)
def test_integers_in_every_base_at_the_limit_and_one_past(largest: str, one_past: str) -> None:
    assert isinstance(parse_answers_yaml(f"version: {largest}\n")["version"], int)
    said, technical = refusal(f"version: {one_past}\n")
    assert said == "This is not a Candor answers file: it holds a number far too long to be one of its values."
    assert technical == f"At line 1, column 10, a number has more than {MAX_NUMBER_DIGITS:,} digits."


@pytest.mark.parametrize(
    "text",
    ["base: &b {made: [copy]}\nanswers:\n  <<: *b\n  made: [chatbot]\n",
     "answers:\n  made: [chatbot]\n  <<: {made: [copy]}\n",
     "answers:\n  <<: [{made: [copy]}, {made: [chatbot]}]\n"],
    ids=["merged-then-given", "given-then-merged", "merged-twice"],
)
def test_a_key_repeated_through_a_merge_key_is_refused_like_any_repeated_key(text: str) -> None:
    said, technical = refusal(text)
    assert said.startswith("The file gives “made” twice in the same place") and "the key 'made' appears twice" in technical


def test_a_merge_key_that_repeats_nothing_is_read() -> None:
    assert parse_answers_yaml("a: &a {made: [copy]}\nanswers:\n  <<: *a\n  regions: [eu]\n")["answers"] == {
        "made": ["copy"], "regions": ["eu"]}


def test_many_values_without_aliases_are_not_blamed_on_aliases() -> None:
    said, technical = refusal("k: [" + ",".join(["1"] * MAX_YAML_NODES) + "]")
    assert said == "This is not a Candor answers file: it holds far more values than one. Nothing was read from it."
    assert "alias" not in technical and f"it holds more than {MAX_YAML_NODES:,} values" in technical
