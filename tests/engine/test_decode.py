"""candor.intake.decode: bytes or text from outside into data (size, strict UTF-8, format, bounded JSON)."""

from __future__ import annotations

import pytest
from candor.bias.input import MAX_BYTES as MAX_CSV_BYTES
from candor.intake.decode import (
    DAMAGED,
    MAX_ANSWERS_BYTES,
    MAX_JSON_DEPTH,
    MAX_YAML_ALIASES,
    MAX_YAML_NODES,
    decode_text,
    looks_like_json,
    parse_json_text,
    read_data,
)
from candor.model.answers import AnswersError
from candor.util.schema_check import shorten

from ..conftest import ROOT

ENVELOPE = '{"questionnaire": "disclosure", "version": 2, "answers": {"made": ["copy"]}}'


def padded(size: int, text: str = ENVELOPE) -> str:
    """``text`` followed by spaces up to exactly ``size`` bytes of UTF-8."""
    return text + " " * (size - len(text.encode("utf-8")))


def refused(raw: bytes | str, **kwargs: object) -> str:
    return refusal(raw, **kwargs)[0]


def refusal(raw: bytes | str, **kwargs: object) -> tuple[str, str]:
    """The plain message and, apart, the technical detail."""
    with pytest.raises(AnswersError) as info:
        decode_text(raw, **kwargs)  # type: ignore[arg-type]
    return str(info.value), info.value.detail


@pytest.mark.parametrize("as_text", [False, True], ids=["bytes", "text"])
def test_size_is_checked_first_at_the_limit_and_one_past(as_text: bool) -> None:
    at_limit = padded(MAX_ANSWERS_BYTES)
    assert decode_text(at_limit if as_text else at_limit.encode()) == at_limit
    past = at_limit + " "
    # one byte past the limit is refused before decoding: a bad byte there is not even looked at
    message = refused(past if as_text else past.encode()[:-1] + b"\xff")
    assert message == (
        f"The answers file is too large: a Candor answers file is at most {MAX_ANSWERS_BYTES:,} bytes (256 KB). "
        "Nothing was read from it."
    )


def test_text_is_measured_in_utf8_bytes_not_characters() -> None:
    accented = ENVELOPE.replace('"answers"', '"saved_at": "été", "answers"')  # two characters of two bytes
    at_limit = padded(MAX_ANSWERS_BYTES, accented)
    assert len(at_limit) == MAX_ANSWERS_BYTES - 2
    assert decode_text(at_limit) == at_limit
    assert "too large" in refused(at_limit + " ")


def test_another_limit_and_name_for_other_files() -> None:
    assert decode_text(b"x" * 10, limit=10, what="counts file") == "x" * 10
    message = refused(b"x" * 11, limit=10, what="counts file")
    assert message.startswith("The counts file is too large: a Candor counts file is at most 10 bytes")


def test_bytes_that_are_not_utf8_are_refused_with_their_place() -> None:
    latin1 = 'questionnaire: disclosure\nanswers: {made: ["café"]}\n'.encode("latin-1")
    assert refusal(latin1) == (
        "The answers file is not saved as UTF-8 text, so it cannot be read. Save it as UTF-8 (most editors offer it "
        "under “Save as” or “Encoding”) and try again.",
        "The byte 0xE9 at line 2, column 22 is not UTF-8.",
    )
    assert "The byte 0xFF at line 1, column 1" in refusal(b"\xff\xfe{}")[1]  # UTF-16 is not UTF-8 either


def test_a_lone_surrogate_in_text_is_refused() -> None:
    assert refusal('{"saved_at": "\ud800"}') == (
        "The answers file holds a broken character, so it cannot be read. Nothing was read from it.",
        "U+D800 is half of a character pair, which no UTF-8 text can hold.",
    )


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbf" + ENVELOPE.encode(), "\ufeff" + ENVELOPE], ids=["bytes", "text"])
def test_a_utf8_byte_order_mark_is_accepted_and_dropped(raw: bytes | str) -> None:
    assert decode_text(raw) == ENVELOPE
    assert read_data(raw)["questionnaire"] == "disclosure"


@pytest.mark.parametrize(
    ("text", "is_json"),
    [("{}", True), ("  \n\t[1]", True), ("questionnaire: x", False), ("# a comment\n{}", False), ("", False)],
)
def test_the_format_is_told_from_the_content(text: str, is_json: bool) -> None:
    assert looks_like_json(text) is is_json


def test_json_duplicate_keys_are_refused_naming_the_key() -> None:
    with pytest.raises(AnswersError) as info:
        parse_json_text('{"answers": {"made": ["copy"], "made": ["chatbot"]}}')
    assert str(info.value) == (
        "The file gives “made” twice in the same place, so Candor cannot tell which one to use. Keep one of them and try again."
    )
    assert info.value.detail == "The key 'made' appears twice in the same object."
    assert parse_json_text('{"a": {"made": 1}, "b": {"made": 2}}') == {"a": {"made": 1}, "b": {"made": 2}}  # other objects


@pytest.mark.parametrize(
    ("text", "message", "detail"),
    [
        ('{"a": 1,', DAMAGED, "JSON: Expecting property name enclosed in double quotes at line 1, column 9."),
        ('{"a": "b', DAMAGED, "JSON: Unterminated string starting at line 1, column 7."),
        ("[" * 100_000 + "]" * 100_000, "This is not a Candor answers file: it is built far more deeply than one.",
         "Its brackets nest more than 32 levels deep; an answers file nests 3."),
        ('{"version": 1' + "0" * 5000 + "}", "This is not a Candor answers file: it holds a number far too long",
         "A number has more than 4,300 digits."),
    ],
    ids=["cut-short", "unterminated", "deep", "long-number"],
)
def test_json_errors_are_plain_with_the_detail_apart(text: str, message: str, detail: str) -> None:
    with pytest.raises(AnswersError) as info:
        parse_json_text(text)
    assert str(info.value).startswith(message) and info.value.detail == detail
    assert "JSON" not in str(info.value) and "line" not in str(info.value)


def test_without_a_yaml_reader_yaml_is_refused_with_what_to_do() -> None:
    with pytest.raises(AnswersError, match="This looks like a YAML answers file, and this page reads only JSON files"):
        read_data("questionnaire: disclosure\nversion: 2\nanswers: {}\n")
    with pytest.raises(AnswersError, match="its text is damaged or incomplete") as info:
        read_data("hello")
    assert info.value.detail == "JSON: Expecting value at line 1, column 1."


def test_with_a_yaml_reader_json_still_goes_to_json_and_yaml_flow_style_is_read() -> None:
    seen: list[str] = []

    def yaml_reader(text: str) -> object:
        seen.append(text)
        return {"from": "yaml"}

    assert read_data(ENVELOPE, yaml_reader)["questionnaire"] == "disclosure" and seen == []
    assert read_data("questionnaire: x", yaml_reader) == {"from": "yaml"}
    assert read_data("{questionnaire: x}", yaml_reader) == {"from": "yaml"}  # not JSON, but YAML's flow style


def test_an_empty_file_says_so() -> None:
    for raw in (b"", b"\xef\xbb\xbf", " \n\n"):
        with pytest.raises(AnswersError, match=r"^The answers file is empty"):
            read_data(raw)


def test_messages_quote_a_bounded_part_of_any_value() -> None:
    shared: list[object] = ["lol"] * 9
    for _ in range(8):  # a "billion laughs" value: 9^9 strings, but only a few objects
        shared = [shared] * 9
    text = shorten(shared)
    assert len(text) <= 60 and text.startswith("[[[")
    long = shorten("x" * 1_000_000)
    assert len(long) <= 60 and "..." in long


def test_the_readme_states_the_limits_in_force() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for stated in (f"an answers file is at most {MAX_ANSWERS_BYTES // 1024} KB", f"counts file {MAX_CSV_BYTES // 1000} KB",
                   f"at most {MAX_YAML_ALIASES} aliases", f"{MAX_YAML_NODES:,} values", f"nested {MAX_JSON_DEPTH} deep"):
        assert stated in readme
