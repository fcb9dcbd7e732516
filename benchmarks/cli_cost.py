"""The command line's cost: one answer set through the installed CLI (a process), 10,000 through the engine."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def cli_cost(check: str) -> dict[str, float]:
    from candor.checks.evaluate import evaluate
    from candor.checks.loaded import load_bundle
    from candor.compiler.bundle import make_bundle
    from candor.compiler.content_files import load_schemas, raw_checks, read_catalog

    content = ROOT / "content"
    loaded = load_bundle(make_bundle(read_catalog(content), raw_checks(content)[check], load_schemas(content)["answers"]))
    q = loaded.questionnaire
    rng = random.Random(1)
    sets = []
    for _ in range(10_000):
        answers: dict[str, Any] = {}
        for question in q.questions:
            if question.type == "multi":
                answers[question.id] = sorted(rng.sample([o.id for o in question.options if not o.exclusive], 2))
            else:
                answers[question.id] = rng.choice([o.id for o in question.options])
        sets.append(answers)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump({"questionnaire": q.id, "version": q.version, "answers": sets[0]}, fh)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "candor.cli", "check", check, fh.name, "--format", "json"],
                   check=True, capture_output=True)
    one = time.perf_counter() - start
    os.unlink(fh.name)
    start = time.perf_counter()
    for answers in sets:
        evaluate(q, loaded.links, answers)
    many = time.perf_counter() - start
    return {"cli_process_1_set_s": round(one, 3), "engine_10000_sets_s": round(many, 3),
            "engine_per_set_ms": round(many / 10_000 * 1000, 3)}
