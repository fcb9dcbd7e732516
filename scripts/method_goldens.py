"""Write the check method's golden cases from the current questionnaires; review the diff before committing.

    .venv/bin/python scripts/method_goldens.py [--fill]

Cases (tests/golden/<check>/): each scored area at its worst answers that raise no flag with everything else at
its best (``area-worst-<area>``, the answers of :func:`candor.checks.movers.area_moves`); and, from the well-run
pre-launch case, one area left blank (``unanswered-area``), only the profile, transparency and human oversight
answered (``half-answered``) and one question left (``one-question-left``). Run it again after a questionnaire
version changes the questions: the expectations it writes are what the engine now says, so read each one.

The method itself (every option's score and flag level, area weights and floors, verdict thresholds) has its own
snapshot, tests/golden_method/checks.json, rewritten by its test: ``CANDOR_UPDATE_GOLDENS=1 ./scripts/test
tests/content/test_method_snapshot.py``, then review ``git diff tests/golden_method/``.

``--fill`` instead adds ``provisional`` and ``holds`` to every golden case whose expectation lacks them (a case
written before the method pinned them), and only where the rest of its expectation still holds.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "widgets"))
sys.path.insert(0, str(ROOT))

from candor.checks.evaluate import evaluate  # noqa: E402
from candor.checks.loaded import load_bundle  # noqa: E402
from candor.checks.movers import area_moves  # noqa: E402
from candor.compiler.bundle import make_bundle  # noqa: E402
from candor.compiler.content_files import load_schemas, raw_checks, read_catalog  # noqa: E402
from candor.model.answers import AnswersError  # noqa: E402

from tests.engine.test_golden import summary  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"


def _wrap(items: list[str], indent: str, width: int) -> str:
    lines, line = [], ""
    for item in items:
        if line and len(indent) + len(line) + len(item) > width:
            lines.append(line.rstrip())
            line = ""
        line += item + ", "
    lines.append(line.rstrip().rstrip(","))
    return f"\n{indent}".join(lines)


def _fix_first(items: list[list[str]]) -> str:
    """The changes to make first, one a line (``[]`` when there are none)."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join(f"               {json.dumps(i, ensure_ascii=False)}" for i in items) + "]"


def write(loaded: dict[str, Any], check: str, name: str, title: str, answers: dict[str, Any]) -> None:
    q = loaded[check].questionnaire
    s = summary(evaluate(q, loaded[check].links, answers).to_json())
    pairs = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in answers.items()]
    areas = [f"{json.dumps(k)}: {json.dumps(v)}" for k, v in s["areas"].items()]
    text = (
        f'{{\n  "name": {json.dumps(title, ensure_ascii=False)},\n'
        f'  "answers": {{"questionnaire": "{check}", "version": {q.version}, "answers": {{\n'
        f'    {_wrap(pairs, "    ", 116)}}}}},\n'
        f'  "expect": {{"verdict": {json.dumps(s["verdict"])}, "provisional": {json.dumps(s["provisional"])}, '
        f'"holds": {json.dumps(s["holds"])},\n'
        f'             "flags": {json.dumps(s["flags"])},\n'
        f'             "areas": {{{_wrap(areas, " " * 23, 116)}}},\n'
        f'             "fix_first": {_fix_first(s["fix_first"])}}}\n}}\n'
    )
    assert json.loads(text)["expect"] == s
    path = GOLDEN / check / f"{name}.json"
    path.write_text(text)
    print(f"{path.relative_to(ROOT)}: {s['verdict']}{' (provisional)' if s['provisional'] else ''} {s['holds']}")


def fill(loaded: dict[str, Any]) -> None:
    for path in sorted(GOLDEN.glob("*/*.json")):
        text = path.read_text()
        case = json.loads(text)
        if "provisional" in case["expect"]:
            continue
        check = loaded[case["answers"]["questionnaire"]]
        try:
            s = summary(evaluate(check.questionnaire, check.links, case["answers"]["answers"]).to_json())
        except AnswersError as exc:  # e.g. a case of an older version that its test migrates first
            print(f"{path.relative_to(ROOT)}: left alone ({str(exc)[:80]}...)")
            continue
        if {k: v for k, v in s.items() if k in case["expect"]} != case["expect"]:
            print(f"{path.relative_to(ROOT)}: left alone, its expectation no longer holds")
            continue
        keys = f' "provisional": {json.dumps(s["provisional"])}, "holds": {json.dumps(s["holds"])},'
        path.write_text(re.sub(r'("expect": \{"verdict": [^,]+,)', lambda m, k=keys: m.group(1) + k, text, count=1))
        print(f"{path.relative_to(ROOT)}: {s['holds']}")


def main() -> None:
    content = ROOT / "content"
    catalog, schemas = read_catalog(content), load_schemas(content)
    loaded = {cid: load_bundle(make_bundle(catalog, raw, schemas["answers"])) for cid, raw in raw_checks(content).items()}
    if "--fill" in sys.argv:
        fill(loaded)
        return
    for check in ("prelaunch", "outreach"):
        for m in area_moves(loaded[check].questionnaire, loaded[check].links):
            write(loaded, check, f"area-worst-{m.area}",
                  f"{m.title} at its worst answers that raise no flag, everything else at its best", m.answers)
    q = loaded["prelaunch"].questionnaire
    well = json.loads((GOLDEN / "prelaunch" / "well-run.json").read_text())["answers"]["answers"]
    area = {x.id: x.area for x in q.questions}
    write(loaded, "prelaunch", "unanswered-area", "A well-run campaign with the bias and fairness questions left blank",
          {k: v for k, v in well.items() if area[k] != "bias-fairness"})
    write(loaded, "prelaunch", "half-answered",
          "Only the profile, transparency and human oversight answered (well): not enough to judge",
          {k: v for k, v in well.items() if area[k] in ("profile", "transparency", "human-oversight")})
    last = [k for k in well if area[k] != "profile"][-1]
    write(loaded, "prelaunch", "one-question-left", "A well-run campaign with one question still unanswered",
          {k: v for k, v in well.items() if k != last})
    oq = loaded["outreach"].questionnaire
    good = json.loads((GOLDEN / "outreach" / "linkedin-ai-drafts-reviewed.json").read_text())["answers"]["answers"]
    write(loaded, "outreach", "unanswered-area", "Careful LinkedIn outreach with the ban-risk questions left blank",
          {k: v for k, v in good.items() if oq.question(k).area != "ban-risk"})  # type: ignore[union-attr]
    write(loaded, "disclosure", "partly-answered", "An image answered only as far as the regions: no flag yet, so no verdict",
          {"made": ["images"], "regions": ["eu"]})


if __name__ == "__main__":
    main()
