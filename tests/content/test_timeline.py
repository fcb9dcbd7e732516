"""Currency of the guidance: review months, the staleness limit, key dates, the content changelog, source scope."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
import yaml
from candor.compiler.catalog import Catalog, ContentError
from candor.compiler.content_files import read_catalog
from candor.model.timeline import months_old

from ..conftest import CONTENT, ROOT
from ..content_edits import edit, problems

sys.path.insert(0, str(ROOT / "widgets"))  # the site build's package (MkDocs loads it by path)

from sitebuild.guidance import practice_markdown
from sitebuild.timeline_pages import changes_markdown, key_dates_markdown

TODAY = dt.date(2026, 12, 3)
NEW_SOURCES = CONTENT / "sources" / "rules-2026.yml"

# Practices about consent screens or unfair commercial practices (fake urgency, reviews, hidden ads). DSA Art. 25(2)
# leaves those to the GDPR/ePrivacy and the UCPD, so none of them may cite Art. 25 (issue 19, fix 1).
CONSENT_OR_UCPD = {"DP-01", "DP-02", "DP-03", "DP-04", "TA-04", "PR-01", "PR-02", "EN-01", "EN-02", "VD-03"}
OUT_OF_SCOPE_WORDS = re.compile(r"consent|cookie|urgen|scarc|review|testimonial|advertorial", re.I)


def set_reviewed(root: Path, theme_file: str, pid: str, month: str) -> None:
    edit(root / "practices" / theme_file, lambda d: next(p for p in d["practices"] if p["id"] == pid).update(reviewed=month))


class TestReviewMonths:
    def test_every_practice_and_source_has_a_review_month(self, catalog: Catalog) -> None:
        assert all(re.fullmatch(r"\d{4}-\d{2}", p.reviewed) for p in catalog.practices.values())
        assert all(re.fullmatch(r"\d{4}-\d{2}", s.reviewed) for s in catalog.sources.values())

    def test_every_new_source_has_its_own_review_month_and_a_confidence_note(self) -> None:
        sources = yaml.safe_load(NEW_SOURCES.read_text())["sources"]
        assert len(sources) >= 14
        for s in sources:
            assert s.get("reviewed"), s["id"]
            assert len(s.get("confidence_note", "")) > 80, f"{s['id']}: say what was verified and how"

    def test_todays_content_passes_the_staleness_limit(self) -> None:
        read_catalog(CONTENT, today=TODAY)

    def test_a_practice_exactly_at_the_limit_passes(self, content: Path, catalog: Catalog) -> None:
        limit = catalog.timeline.max_age_months  # type: ignore[union-attr]
        month = f"{TODAY.year - 1}-{TODAY.month:02d}"
        assert months_old(month, TODAY) == limit == 12
        set_reviewed(content, "bias.yml", "BI-02", month)
        assert read_catalog(content, today=TODAY).practices["BI-02"].reviewed == month

    def test_a_practice_one_month_past_the_limit_fails_naming_file_and_id(self, content: Path) -> None:
        set_reviewed(content, "bias.yml", "BI-02", f"{TODAY.year - 1}-{TODAY.month - 1:02d}")
        with pytest.raises(ContentError) as info:
            read_catalog(content, today=TODAY)
        assert len(info.value.problems) == 1
        assert info.value.problems[0].startswith("practices/bias.yml: practice BI-02 was last reviewed 2025-11")

    def test_the_cli_keeps_reading_aged_content(self, content: Path) -> None:
        """Only the site build checks age: an installed wheel must not stop working a year later."""
        set_reviewed(content, "bias.yml", "BI-02", "2020-01")
        assert read_catalog(content).practices["BI-02"].reviewed == "2020-01"

    def test_the_practice_page_shows_the_review_month(self, catalog: Catalog) -> None:
        assert "*Reviewed December 2026*" in practice_markdown(catalog.practices["OR-09"], catalog, "guidance/outreach.md")


class TestSourceScope:
    def test_no_consent_or_consumer_law_practice_cites_dsa_article_25(self, catalog: Catalog) -> None:
        for pid in CONSENT_OR_UCPD:
            cites = [m for m in catalog.practices[pid].mappings if m.source == "eu-dsa" and (m.locator or "").startswith("Art. 25")]
            assert not cites, pid

    def test_dsa_article_25_is_never_cited_for_consent_or_ucpd_matters(self, catalog: Catalog) -> None:
        for p in catalog.practices.values():
            for m in p.mappings:
                if m.source == "eu-dsa" and (m.locator or "").startswith("Art. 25"):
                    assert not OUT_OF_SCOPE_WORDS.search(m.relation + p.rule), p.id


class TestKeyDates:
    def rows(self, catalog: Catalog, today: dt.date) -> list[list[str]]:
        page = key_dates_markdown(catalog, "standards/key-dates.md", today)
        return [[c.strip() for c in line.strip("|").split(" | ")] for line in page.splitlines()[4:] if line.startswith("| ")]

    def test_each_obligation_is_listed_once_in_date_order(self, catalog: Catalog) -> None:
        rows = self.rows(catalog, TODAY)
        assert len(rows) == len(catalog.timeline.obligations)  # type: ignore[union-attr]
        titles = [r[3] for r in rows]
        assert len(set(titles)) == len(titles)
        dates = [dt.datetime.strptime(r[0], "%d %B %Y").date() for r in rows]
        assert dates == sorted(dates)

    def test_status_turns_in_force_on_the_day(self, catalog: Catalog) -> None:
        day = dt.date(2027, 1, 1)
        before = {r[3]: r[1] for r in self.rows(catalog, day - dt.timedelta(days=1))}
        on = {r[3]: r[1] for r in self.rows(catalog, day)}
        ca = next(t for t in on if t.startswith("Notice, opt-out and access duties"))
        assert (before[ca], on[ca]) == ("**Upcoming**", "In force")

    def test_every_source_named_is_one_a_practice_cites(self, catalog: Catalog) -> None:
        for o in catalog.timeline.obligations:  # type: ignore[union-attr]
            assert any(m.source == o.source for p in o.practices for m in catalog.practices[p].mappings), o.id

    def test_an_unknown_region_fails_naming_the_obligation(self, content: Path) -> None:
        edit(content / "timeline.yml", lambda d: d["obligations"][0].update(regions=["mars"]))
        assert any("obligation 'eu-ai-act-prohibitions' names region 'mars'" in p for p in problems(content))


class TestChangelog:
    def test_newest_first_and_every_practice_has_an_added_entry(self, catalog: Catalog) -> None:
        page = changes_markdown(catalog, "standards/changes.md")
        days = [dt.datetime.strptime(h[3:], "%d %B %Y").date() for h in re.findall(r"^## .+$", page, re.M)]
        assert days == sorted(days, reverse=True) and len(days) == len(set(days))
        assert "[OR-09](../guidance/outreach.md#OR-09)" in page.split("## 29 November 2026")[0]

    def test_a_practice_without_an_added_entry_fails(self, content: Path) -> None:
        edit(content / "timeline.yml", lambda d: d["changes"][1]["practices"].remove("GL-06"))
        assert "timeline.yml: practice GL-06 has no 'added' entry under changes" in problems(content)

class TestReportedDates:
    """An obligation that rests on an act reported but not yet seen published says so, in the data and on the
    key-dates page (issue 33, fix 13)."""

    def test_obligations_on_unpublished_acts_are_marked_reported_on_the_page(self, catalog: Catalog) -> None:
        page = key_dates_markdown(catalog, "standards/key-dates.md", TODAY)
        unpublished = {s.id for s in catalog.sources.values() if "count as reported" in (s.confidence_note or "")}
        assert unpublished, "the Digital Omnibus on AI has not been seen published"
        marked = [o for o in catalog.timeline.obligations if o.source in unpublished]  # type: ignore[union-attr]
        assert len(marked) == 3
        for o in marked:
            assert o.reported, o.id
            assert o.title.endswith(f"(reported: {o.reported})"), o.id
            assert o.title in page.replace("\\|", "|"), o.id
        others = [o for o in catalog.timeline.obligations if o.source not in unpublished]  # type: ignore[union-attr]
        assert not any(o.reported or "(reported" in o.title for o in others)
