"""The check's area chart: stacked rows that stay readable at phone width, the caption wrapped, never cut."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from candor.checks.chart import area_chart
from candor.checks.scoring import AreaScore
from candor.model.questionnaire import Verdict
from candor.util import svg

SVG = "{http://www.w3.org/2000/svg}"
VERDICTS = [
    Verdict("ready", "Ready to launch", "good", "s", 80, None),
    Verdict("conditions", "Ready with conditions", "warn", "s", 60, "amber"),
    Verdict("not-ready", "Not ready", "bad", "s", 0, "red"),
]


def area(title: str, score: float | None) -> AreaScore:
    return AreaScore(id=title.lower()[:5], title=title, weight=1, score=score, answered=1, applicable=1)


def test_caption_names_every_threshold_in_full_within_the_width() -> None:
    root = ET.fromstring(area_chart([area("Data and consent", 72.5), area("Disclosure", None)], VERDICTS, "Check: score by area"))
    caption = next(t for t in root.iter(f"{SVG}text") if "candor-chart-caption" in (t.get("class") or ""))
    lines = [t.text or "" for t in caption.iter(f"{SVG}tspan")] or [caption.text or ""]
    assert " ".join(lines) == "Dashed lines: Ready with conditions from 60; Ready to launch from 80"
    assert all(svg.text_width(line, svg.SMALL) <= svg.WIDTH for line in lines)
    height = float(root.get("viewBox", "").split()[3])
    assert all(float(t.get("y", 0)) < height for t in root.iter(f"{SVG}text"))


def test_labels_are_at_body_size_on_their_own_line() -> None:
    root = ET.fromstring(area_chart([area("Automated outreach and messaging platforms", 40)], VERDICTS, "t"))
    assert root.get("font-size") == str(svg.FONT) and int(root.get("viewBox", "").split()[2]) == svg.WIDTH
    label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "candor-chart-label")
    assert "".join(label.itertext()).replace(" ", "") == "Automatedoutreachandmessagingplatforms"
    assert "Automated outreach and messaging platforms: 40 out of 100" in (root.find(f"{SVG}desc").text or "")
