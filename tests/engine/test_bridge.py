"""The browser bridge: JSON in, JSON out, and it never raises."""

from __future__ import annotations

import json
from typing import Any

from candor import __version__, bridge
from candor.compiler.bundle import make_bundle
from candor.compiler.catalog import Catalog
from candor.compiler.content_files import raw_checks

from ..conftest import CONTENT


def call(request: Any) -> dict[str, Any]:
    return json.loads(bridge.handle(request if isinstance(request, str) else json.dumps(request)))


def test_load_then_evaluate(catalog: Catalog, schemas: dict[str, Any]) -> None:
    bundle = make_bundle(catalog, raw_checks(CONTENT)["disclosure"], schemas["answers"])
    version = raw_checks(CONTENT)["disclosure"]["version"]
    assert call({"op": "load", "bundle": bundle}) == {"ok": True, "result": {"id": "disclosure", "version": version}}
    reply = call({"op": "evaluate", "check": "disclosure", "answers": {"made": ["edits"], "profile-regions": ["eu"]}})
    assert reply["ok"] and reply["result"]["verdict"] == "no-label"
    info = call({"op": "info"})["result"]
    assert info["engine_version"] == __version__ and len(info["engine_digest"]) == 64


def test_bad_requests_are_errors_not_exceptions() -> None:
    assert call("not json")["ok"] is False
    assert call({"op": "launch-rockets"})["error"]["message"].startswith("unknown request")
    assert "unknown check" in call({"op": "evaluate", "check": "nope", "answers": {}})["error"]["message"]
    assert call([1, 2])["ok"] is False


def test_read_rejects_bad_files_with_the_field(catalog: Catalog, schemas: dict[str, Any]) -> None:
    bundle = make_bundle(catalog, raw_checks(CONTENT)["disclosure"], schemas["answers"])
    call({"op": "load", "bundle": bundle})
    text = '{"questionnaire": "disclosure", "version": 3, "answers": {"made": "copy"}, "x": 1}'
    bad = call({"op": "read", "check": "disclosure", "text": text})
    assert bad["ok"] is False and bad["error"]["field"] == "x"
    huge = call({"op": "read", "check": "disclosure", "text": " " * (300 * 1024)})
    assert huge["ok"] is False and "too large" in huge["error"]["message"]
    good = call({"op": "read", "check": "disclosure", "text": '{"questionnaire": "disclosure", "version": 1, "answers": {"made": "copy"}}'})
    assert good["result"]["envelope"]["answers"] == {"made": ["copy"]}
    assert good["result"]["envelope"]["version"] == raw_checks(CONTENT)["disclosure"]["version"]
    assert "version 1" in good["result"]["notes"][0]
