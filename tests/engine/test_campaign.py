"""Campaign details in an answers file: optional, bounded, plain text, kept through every intake path.

They are optional fields of the same questionnaire version, so files and share links made before them (and
version 1 files) read exactly as before, and the questionnaire's version did not change for them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from candor import bridge
from candor.cli import main
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import raw_checks
from candor.intake.campaign import character_refusal, check_campaign, details, field_schemas, refused, refused_class, refused_ranges
from candor.model.answers import AnswersError

from ..conftest import CONTENT

FIXTURES = Path(__file__).parents[1] / "fixtures" / "migrations" / "prelaunch"
LIMITS = {"name": 120, "owner": 120, "approver": 120, "notes": 1000}
DETAILS = {"name": "Winter sale", "owner": "Dana Reyes", "approver": "Sam Okafor", "launch_date": "2027-01-15",
           "notes": "DPIA sign-off booked.\nLegal saw the copy."}


@pytest.fixture(scope="module")
def call(catalog: Catalog, schemas: dict[str, Any]) -> Any:
    bundle = make_bundle(catalog, raw_checks(CONTENT)["prelaunch"], schemas["answers"])
    assert json.loads(bridge.handle(json.dumps({"op": "load", "bundle": bundle})))["ok"]
    return lambda req: json.loads(bridge.handle(json.dumps({"check": "prelaunch", **req})))


def envelope(campaign: Any = None, version: int = 3) -> str:
    env: dict[str, Any] = {"questionnaire": "prelaunch", "version": version, "answers": {"profile-regions": ["eu"]}}
    if campaign is not None:
        env["campaign"] = campaign
    return json.dumps(env)


def test_the_form_labels_come_from_the_schema_in_a_fixed_order(schemas: dict[str, Any]) -> None:
    fields = field_schemas(schemas["answers"])
    assert list(fields) == ["name", "owner", "approver", "launch_date", "notes"]
    assert [d.label for d in details(DETAILS, schemas["answers"])] == [
        "Campaign name", "Campaign owner", "Approver", "Launch date", "Notes for the approver"]
    assert {k: f["maxLength"] for k, f in fields.items() if k != "launch_date"} == LIMITS


def test_details_survive_a_read_trimmed_and_blank_ones_dropped(call: Any) -> None:
    reply = call({"op": "read", "text": envelope({**DETAILS, "owner": "  Dana Reyes ", "approver": "   "})})
    assert reply["result"]["envelope"]["campaign"] == {k: v for k, v in DETAILS.items() if k != "approver"}


def test_files_and_share_links_without_details_read_as_before(call: Any) -> None:
    reply = call({"op": "read", "text": envelope()})
    assert reply["ok"] and "campaign" not in reply["result"]["envelope"]
    old = json.loads((FIXTURES / "v1.json").read_text())
    reply = call({"op": "read", "text": json.dumps(old["envelope"])})
    assert reply["ok"] and reply["result"]["envelope"]["version"] == 3 and "campaign" not in reply["result"]["envelope"]
    with_details = call({"op": "read", "text": envelope(DETAILS, version=1)})  # a v1 file given details by hand
    assert with_details["result"]["envelope"]["campaign"] == DETAILS


@pytest.mark.parametrize(("key", "limit"), LIMITS.items())
def test_each_text_field_at_its_limit_and_one_past(call: Any, key: str, limit: int) -> None:
    assert call({"op": "read", "text": envelope({key: "x" * limit})})["ok"]
    error = call({"op": "read", "text": envelope({key: "x" * (limit + 1)})})["error"]
    assert error["field"] == f"campaign.{key}" and f"at most {limit} characters" in error["message"]


@pytest.mark.parametrize(
    ("campaign", "field"),
    [
        ({"name": "Winter\nsale"}, "campaign.name"),  # one line only
        ({"owner": "Dana\tReyes"}, "campaign.owner"),
        ({"approver": "Sam\x1b[31m"}, "campaign.approver"),  # a terminal escape code
        ({"notes": "ok\x07"}, "campaign.notes"),
        ({"notes": "ok\x85"}, "campaign.notes"),  # a C1 control
        ({"name": "sale\u202etxt.exe"}, "campaign.name"),  # text-direction override
        ({"name": 42}, "campaign.name"),
        ({"name": ["Winter"]}, "campaign.name"),
        ({"budget": "1000"}, "campaign.budget"),
        ({"launch_date": "15/01/2027"}, "campaign.launch_date"),
        ({"launch_date": "2027-02-30"}, "campaign.launch_date"),
        ({"launch_date": "2027-01-15T10:00"}, "campaign.launch_date"),
        ("Winter sale", "campaign"),
    ],
)
def test_bad_details_are_refused_with_the_field_named(call: Any, campaign: Any, field: str) -> None:
    reply = call({"op": "read", "text": envelope(campaign)})
    assert reply["ok"] is False and reply["error"]["field"] == field
    assert "^" not in reply["error"]["message"] and "\\u" not in reply["error"]["message"]  # no schema pattern shown


def test_a_character_rule_is_said_in_words(call: Any) -> None:
    said = call({"op": "read", "text": envelope({"name": "Winter\nsale"})})["error"]["message"]
    assert said == ("The campaign details cannot be used: Campaign name (campaign.name) has the character U+000A, which "
                    "cannot be seen or changes the direction of text. Remove it.")


# Characters that hide text or change its direction (issue 29): each refused in every text field, named as U+XXXX.
HIDDEN = ["\u061c", "\u200b", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066",
          "\u2069", "\u200e", "\u200f", "\u180e", "\U000e0041", "\x00", "\x1b", "\x85", "\r"]


@pytest.mark.parametrize("key", ["name", "owner", "approver", "notes"])
@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_and_direction_characters_are_refused_naming_the_field_and_the_character(
    call: Any, schemas: dict[str, Any], key: str, char: str
) -> None:
    error = call({"op": "read", "text": envelope({key: f"Winter{char} sale"})})["error"]
    title = field_schemas(schemas["answers"])[key]["title"]
    assert error["field"] == f"campaign.{key}"
    assert error["message"] == character_refusal(key, title, f"U+{ord(char):04X}")
    assert f"{title} (campaign.{key}) has the character U+{ord(char):04X}" in error["message"]


def test_joiners_emoji_and_line_feeds_in_the_notes_are_kept(schemas: dict[str, Any]) -> None:
    kept = {"name": "می\u200cخواهم 👩\u200d💻", "notes": "one\ntwo"}
    assert check_campaign(kept, schemas["answers"]) == kept
    with pytest.raises(AnswersError, match="U\\+000A"):
        check_campaign({"owner": "one\ntwo"}, schemas["answers"])


def test_the_rule_published_to_the_form_is_the_engines_exactly() -> None:
    """The ranges the build publishes hold every refused code point and nothing else, at each edge; a field
    that spans lines differs by the line feed alone."""
    def points(lines: bool) -> set[int]:
        return {cp for a, b in refused_ranges(lines=lines) for cp in range(a, b + 1)}
    every = {cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and refused(chr(cp))}
    assert points(False) == every and points(True) == every - {0x0A}
    assert 0x200C not in every and 0x200D not in every and 0x0A in every
    assert refused_class(lines=False).startswith("\\u{0}-\\u{1F}\\u{7F}-\\u{9F}\\u{AD}")
    assert refused_class(lines=True).startswith("\\u{0}-\\u{9}\\u{B}-\\u{1F}") and "\\u{200B}" in refused_class(lines=True)


def test_notes_keep_their_line_breaks_and_a_real_date_passes(schemas: dict[str, Any]) -> None:
    clean = check_campaign({"notes": "one\ntwo", "launch_date": "2028-02-29", "name": "Café ☕ 日本"}, schemas["answers"])
    assert clean == {"name": "Café ☕ 日本", "launch_date": "2028-02-29", "notes": "one\ntwo"}
    assert check_campaign({"launch_date": ""}, schemas["answers"]) == {}
    with pytest.raises(AnswersError):
        check_campaign({"launch_date": "2027-02-29"}, schemas["answers"])


def test_the_page_report_checks_the_details_it_is_sent(call: Any) -> None:
    ok = call({"op": "report", "answers": {}, "campaign": DETAILS, "date": "2026-12-03"})
    assert ok["ok"] and ok["result"].startswith("# Winter sale: Pre-launch campaign check report")
    bad = call({"op": "report", "answers": {}, "campaign": {"name": "x\x00"}, "date": "2026-12-03"})
    assert bad["ok"] is False and bad["error"]["field"] == "campaign.name"


def test_the_cli_text_report_names_the_campaign(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(envelope(DETAILS))
    main(["check", "prelaunch", str(path)])
    out = capsys.readouterr().out.splitlines()
    assert out[1:4] == ["Campaign name: Winter sale", "Campaign owner: Dana Reyes", "Approver: Sam Okafor"]
