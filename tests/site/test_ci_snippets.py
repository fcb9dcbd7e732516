"""The pre-launch page's "Use it in CI" is copy-ready: the install line names this site's address and the wheel it
publishes, and the CI jobs are valid YAML running the same install, report and gate."""

from __future__ import annotations

import html
import re

import yaml
from candor.compiler.catalog import Catalog

from ..conftest import Site


def code_blocks(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in re.findall(r"<code>(.*?)</code>", page, re.S)]


def test_the_install_line_and_the_jobs_are_filled_in_for_this_site(site: Site, catalog: Catalog) -> None:
    page = (site.dir / "checks" / "prelaunch" / "index.html").read_text(encoding="utf-8")
    wheels = sorted((site.dir / "assets" / "candor" / "cli").glob("candor-*-py3-none-any.whl"))
    assert len(wheels) == 1
    install = f"pip install {site.url}assets/candor/cli/{wheels[0].name}"
    blocks = code_blocks(page)
    assert install in blocks[blocks.index(next(b for b in blocks if b.startswith("pip install")))]
    assert "<this site>" not in page and "<version>" not in page
    verdicts = [v.id for v in catalog.checks["prelaunch"].verdicts]
    gate = f"candor assess campaign/answers.yml --fail-on {verdicts[1]}"
    jobs = [yaml.safe_load(b) for b in blocks if b.startswith(("name:", "candor:"))]
    assert len(jobs) == 2, "a GitHub Actions job and a GitLab CI job"
    github, gitlab = jobs
    runs = [step.get("run") for step in github["jobs"]["candor"]["steps"] if "run" in step]
    assert runs == [install, "candor assess campaign/answers.yml --format md > candor-report.md", gate]
    assert gitlab["candor"]["script"] == runs
    assert gitlab["candor"]["artifacts"]["when"] == "always"
    for line in (b for b in blocks if b.startswith("candor assess")):
        for used in re.findall(r"--fail-on (\S+)", line):
            assert used in verdicts, used
