"""A check page's "Use it in CI": the install line and CI jobs, filled at build time with the published site's
address, the command-line wheel's real name and the check's own verdict ids, so a reader copies them as they are.

The commands are the CLI's (``candor assess``, ``--fail-on``, ``--allow-provisional``, ``--format md``); the
verdict ids and labels come from the check's content, best first.
"""

from __future__ import annotations

from candor.model.questionnaire import Questionnaire

CLI_WHEEL_DIR = "assets/candor/cli/"
ANSWERS = "campaign/answers.yml"  # where the example jobs expect the exported answers; any path works
REPORT = "candor-report.md"


def wheel_url(site_url: str, wheel_name: str) -> str:
    return f"{site_url.rstrip('/')}/{CLI_WHEEL_DIR}{wheel_name}"


def ci_markdown(q: Questionnaire, site_url: str, wheel_name: str) -> str:
    """The section's body (its heading stays on the page): install, gate, and a job for GitHub and GitLab."""
    if len(q.verdicts) < 3:
        raise ValueError(f"{q.id}: the CI example needs a best, a middle and a worst verdict")
    best, middle, worst = q.verdicts[0], q.verdicts[1], q.verdicts[-1]
    install = f"pip install {wheel_url(site_url, wheel_name)}"
    gate = f"candor assess {ANSWERS} --fail-on {middle.id}"
    report = f"candor assess {ANSWERS} --format md > {REPORT}"
    return f"""The same engine runs on the command line (Python 3.11 or later). Install it from this site; the wheel
carries the guidance and the checks it scores against, so a team's CI scores with exactly this edition:

```bash
{install}
```

Export your answers from the form above (or write them by hand: `candor show {q.id}` lists every question and
option id) and gate the launch. A gate never passes on a file it cannot read, an unknown verdict or a missing
answer: those exit 2.

```bash
{gate}   # exit 1 unless complete and "{best.label}"
candor assess {ANSWERS} --fail-on {worst.id} --allow-provisional   # exit 1 on "{worst.label}" only
{report}   # the approver's report
```

A job for GitHub Actions (`.github/workflows/candor.yml`); it writes the report first, so the approver gets it
even when the gate fails:

```yaml
name: Candor {q.title.lower()}
on:
  pull_request:
    paths: ["{ANSWERS}"]
jobs:
  candor:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: {install}
      - run: {report}
      - uses: actions/upload-artifact@v4
        with:
          name: candor-report
          path: {REPORT}
      - run: {gate}
```

The same for GitLab CI (`.gitlab-ci.yml`):

```yaml
candor:
  image: python:3.12-slim
  rules:
    - changes: ["{ANSWERS}"]
  script:
    - {install}
    - {report}
    - {gate}
  artifacts:
    when: always
    paths: ["{REPORT}"]
```
"""
