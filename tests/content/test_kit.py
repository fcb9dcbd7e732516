"""The kit: every template links a practice that exists, every CSV parses with the header it documents, and a
broken template fails validation with its file named."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from candor.compiler.catalog import Catalog
from candor.model.kit import csv_text, template_text

from ..content_edits import edit, problems


class TestPublishedKit:
    def test_the_kit_has_the_templates_teams_asked_for(self, catalog: Catalog) -> None:
        assert {"ai-disclosure-labels", "chatbot-scripts", "privacy-notice-ai", "ai-use-register", "vendor-questionnaire",
                "creator-brief-clause", "incident-log", "fairness-monitoring-plan"} <= set(catalog.templates)

    def test_every_template_links_at_least_one_existing_practice(self, catalog: Catalog) -> None:
        for t in catalog.templates.values():
            assert t.practices, t.id
            for pid in t.named_practices():
                assert pid in catalog.practices and not catalog.practices[pid].deprecated, (t.id, pid)

    def test_every_csv_template_parses_with_the_header_it_documents(self, catalog: Catalog) -> None:
        csvs = [t for t in catalog.templates.values() if t.format == "csv"]
        assert len(csvs) >= 2
        for t in csvs:
            rows = list(csv.reader(io.StringIO(csv_text(t))))
            assert rows[0] == [c.name for c in t.columns], t.id
            assert rows[1:] and all(len(r) == len(t.columns) for r in rows[1:]), t.id
            assert all(c.meaning for c in t.columns), t.id

    def test_the_register_documents_a_column_for_each_fact_the_prelaunch_check_asks_about(self, catalog: Catalog) -> None:
        register = catalog.templates["ai-use-register"]
        names = {c.name for c in register.columns}
        assert {"purpose", "personal_data", "owner", "risk_level", "disclosure_decision", "next_review"} <= names
        asked = catalog.checks["prelaunch"].questions
        for c in register.columns:
            if c.question:
                assert any(q.id == c.question for q in asked), c.name

    def test_markdown_templates_expand_every_reference(self, catalog: Catalog) -> None:
        for t in catalog.templates.values():
            text = template_text(t, lambda pid: f"<{pid}>", lambda cid: f"<check {cid}>")
            assert "[[" not in text, t.id

    def test_checks_link_the_template_of_a_practice_it_helps_meet(self, catalog: Catalog) -> None:
        links = catalog.links()
        assert [t.id for t in links["GL-02"].templates] == ["ai-use-register"]
        assert links["TR-01"].templates and all(t.url.startswith("kit/") for t in links["TR-01"].templates)


class TestTemplatesSayWhatGoodLooksLike:
    """Issue 33: a template that asks for a judgement says how to make it."""

    def test_the_register_defines_each_risk_level(self, catalog: Catalog) -> None:
        risk = next(c for c in catalog.templates["ai-use-register"].columns if c.name == "risk_level")
        for level in ("High:", "Medium:", "Low:"):
            assert level in risk.meaning, level
        assert "live chatbot" in risk.meaning and "take the higher" in risk.meaning

    def test_the_vendor_questionnaire_says_what_answer_is_acceptable_for_each_group(self, catalog: Catalog) -> None:
        body = catalog.templates["vendor-questionnaire"].body or ""
        criteria = body[body.index("What counts as acceptable"):]
        for group in ("1–5", "6–8", "9–10", "11–13", "14–15"):
            assert f"**{group}:**" in criteria, group

    def test_the_creator_clause_covers_gifts_in_the_video_and_the_caption(self, catalog: Catalog) -> None:
        body = catalog.templates["creator-brief-clause"].body or ""
        assert "gifts included" in body and "in the video and in the caption" in body and "Gifted by [Brand]" in body

    def test_the_fairness_plan_measures_what_ad_platforms_report(self, catalog: Catalog) -> None:
        body = catalog.templates["fairness-monitoring-plan"].body or ""
        assert "delivery breakdown by age and gender" in body
        assert "reached ÷ eligible" not in body  # platforms do not report who was eligible


class TestBrokenKitFailsWithFileAndId:
    def test_unknown_practice(self, content: Path) -> None:
        edit(content / "kit" / "incident-log.yml", lambda d: d.update(practices=["ZZ-99"]))
        assert "kit/incident-log.yml: template 'incident-log' names unknown practice 'ZZ-99'" in problems(content)

    def test_unknown_practice_in_the_text(self, content: Path) -> None:
        edit(content / "kit" / "chatbot-scripts.yml", lambda d: d.update(body=d["body"] + "\nSee [[TR-99]].\n"))
        assert "kit/chatbot-scripts.yml: template 'chatbot-scripts' names unknown practice 'TR-99'" in problems(content)

    def test_row_that_does_not_fit_the_header(self, content: Path) -> None:
        edit(content / "kit" / "incident-log.yml", lambda d: d["rows"][0].pop())
        assert any("template 'incident-log' example row 1 has" in p for p in problems(content))

    def test_unknown_prelaunch_question(self, content: Path) -> None:
        edit(content / "kit" / "ai-use-register.yml", lambda d: d["columns"][2].update(question="no-such-question"))
        assert any("names unknown pre-launch question 'no-such-question'" in p for p in problems(content))

    def test_csv_without_columns_fails_the_schema(self, content: Path) -> None:
        edit(content / "kit" / "incident-log.yml", lambda d: d.pop("columns"))
        assert any(p.startswith("kit/incident-log.yml:") for p in problems(content))
