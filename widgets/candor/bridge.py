"""The one browser-facing API: JSON text in, JSON text out.

Requests are ``{"op": ..., ...}``; replies are ``{"ok": true, "result": ...}`` or
``{"ok": false, "error": {"message": ..., "field": ..., "detail": ...}}``: a plain message for the reader and,
apart, the technical detail (shown on demand). Nothing here touches the DOM or storage.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from candor import __version__
from candor.bias.tool import BiasTool, load_tool, run
from candor.checks.evaluate import evaluate
from candor.checks.key_dates import with_key_dates
from candor.checks.loaded import LoadedCheck, load_bundle
from candor.intake.campaign import check_campaign, details
from candor.intake.decode import loads_bounded
from candor.intake.envelope import read_envelope
from candor.learning.quiz import parse_quiz, score_quiz
from candor.model.answers import AnswersError, envelope_to_json
from candor.model.links import PracticeLink
from candor.reports.approval import approval
from candor.reports.markdown import markdown_report
from candor.util.errors import CandorError


def _engine_digest() -> str:
    """sha256 over the engine's own module sources, taken at import.

    Imported eagerly with every op's module, so a memory snapshot made at build time carries the value it
    was made with: the browser compares it with the build's manifest to prove the snapshot's engine is the
    wheel's.
    """
    digest = hashlib.sha256()
    for name, source in sorted(_sources(resources.files("candor"), "")):
        digest.update(name.encode() + b"\0" + source)
    return digest.hexdigest()


def _sources(folder: Traversable, prefix: str) -> list[tuple[str, bytes]]:
    """Every module's source in the package and its subpackages (``checks/scoring.py``), content data left out."""
    found: list[tuple[str, bytes]] = []
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name not in ("content", "__pycache__"):
            found += _sources(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".py"):
            found.append((prefix + entry.name, entry.read_bytes()))
    return found


ENGINE_DIGEST = _engine_digest()
INTERNAL_ERROR = (
    "The checker hit an internal error (a fault in Candor, not in what you entered). Nothing was changed. "
    "Reload the page and try again; if it happens again, please report it."
)

_checks: dict[str, LoadedCheck] = {}
_quizzes: dict[str, Any] = {}
_tools: dict[str, BiasTool] = {}


def _get(check_id: str) -> LoadedCheck:
    if check_id not in _checks:
        raise AnswersError(f"unknown check {check_id!r}", "questionnaire")
    return _checks[check_id]


def _load(req: Mapping[str, Any]) -> Any:
    loaded = load_bundle(req["bundle"])
    _checks[loaded.questionnaire.id] = loaded
    return {"id": loaded.questionnaire.id, "version": loaded.questionnaire.version}


def _evaluate(req: Mapping[str, Any]) -> Any:
    c = _get(req["check"])
    answers = _answers(req)
    result = with_key_dates(evaluate(c.questionnaire, c.links, answers), c.key_dates, answers, req.get("today"))
    return result.to_json() | {"approval": approval(result).to_json()}  # what the printed summary lists


def _answers(req: Mapping[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in req.get("answers", {}).items()}


def _read(req: Mapping[str, Any]) -> Any:
    """Validate an imported file or share payload; reply with the clean envelope and any migration notes."""
    c = _get(req["check"])
    envelope, notes = read_envelope(req["text"], c.questionnaire, c.answers_schema)
    return {"envelope": envelope_to_json(envelope), "notes": notes}


def _report(req: Mapping[str, Any]) -> Any:
    c = _get(req["check"])
    answers = _answers(req)
    date = str(req.get("date", ""))  # the report's date (YYYY-MM-DD) is also the day its upcoming dates count from
    result = with_key_dates(evaluate(c.questionnaire, c.links, answers), c.key_dates, answers, date)
    campaign = details(check_campaign(req.get("campaign"), c.answers_schema), c.answers_schema)
    return markdown_report(c.questionnaire, result, answers, date, str(req.get("base_url", "")), campaign)


def _quiz_load(req: Mapping[str, Any]) -> Any:
    bundle = req["bundle"]
    links = {pid: PracticeLink.from_json(p) for pid, p in bundle["practices"].items()}
    quiz = parse_quiz(bundle["quiz"], links)
    _quizzes[quiz.id] = quiz
    return {"id": quiz.id}


def _quiz_score(req: Mapping[str, Any]) -> Any:
    if req.get("quiz") not in _quizzes:
        raise AnswersError(f"unknown quiz {req.get('quiz')!r}", "quiz")
    return score_quiz(_quizzes[req["quiz"]], dict(req.get("answers", {}))).to_json()


def _tool_load(req: Mapping[str, Any]) -> Any:
    tool = load_tool(req["bundle"])
    _tools[tool.id] = tool
    return {"id": tool.id, "version": tool.version}


def _bias_audit(req: Mapping[str, Any]) -> Any:
    tool = _tools.get(req.get("tool", "bias-audit"))
    if tool is None:
        raise AnswersError(f"unknown tool {req.get('tool')!r}", "tool")
    return run(tool, rows=req.get("rows"), csv=req.get("csv"), decision=req.get("decision"))


def _info(_: Mapping[str, Any]) -> Any:
    return {
        "engine_version": __version__,
        "engine_digest": ENGINE_DIGEST,
        "checks": {k: v.questionnaire.version for k, v in _checks.items()},
    }


_OPS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "info": _info,
    "load": _load,
    "evaluate": _evaluate,
    "read": _read,
    "report": _report,
    "quiz-load": _quiz_load,
    "quiz-score": _quiz_score,
    "tool-load": _tool_load,
    "bias-audit": _bias_audit,
}


def handle(request: str) -> str:
    """Answer one JSON request. Never raises: any problem comes back as ``{"ok": false, ...}``."""
    try:
        try:
            req = loads_bounded(request)
        except CandorError:
            raise
        except ValueError as exc:  # bad JSON, or a number too long to convert: the page sent something broken
            raise AnswersError("The page sent the checker a request it could not read.", detail=str(exc)) from None
        op = _OPS.get(str(req.get("op"))) if isinstance(req, dict) else None
        if op is None:
            raise AnswersError(f"unknown request {req.get('op') if isinstance(req, dict) else req!r}")
        return json.dumps({"ok": True, "result": op(req)}, ensure_ascii=False)
    except CandorError as exc:  # answers, campaign details, quiz answers and bias counts alike
        error = {"message": str(exc), "field": exc.field, "detail": exc.detail}
        return json.dumps({"ok": False, "error": error}, ensure_ascii=False)
    except Exception as exc:  # a bug, not bad input: say so plainly, keep the worker alive
        error = {"message": INTERNAL_ERROR, "field": "", "detail": f"{type(exc).__name__}: {exc}"}
        return json.dumps({"ok": False, "error": error}, ensure_ascii=False)
