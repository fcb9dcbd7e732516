"""The December 2026 accuracy pass (issue 33): every fixed claim that can be checked mechanically stays fixed.

Each test names the claim it guards: a date, an article or point number, a source version, or a sentence the
guidance must no longer say. The reasons and the look-ups are in each source's confidence_note.
"""

from __future__ import annotations

from candor.compiler.catalog import Catalog, Practice, SourceMapping

from ..conftest import ROOT


def text(p: Practice) -> str:
    return " ".join([p.title, p.rule, p.example or "", p.why, *p.steps, *p.pitfalls, *(m.relation for m in p.mappings)])


def mapping(p: Practice, source: str) -> SourceMapping:
    found = [m for m in p.mappings if m.source == source]
    assert len(found) == 1, (p.id, source)
    return found[0]


def term(catalog: Catalog, name: str) -> str:
    return next(t.definition for t in catalog.glossary if t.term == name)


class TestGuidanceClaims:
    def test_1_the_iab_europe_holdings_are_told_apart_from_the_lesson(self, catalog: Catalog) -> None:
        page = (ROOT / "docs/guidance/vendors.md").read_text()
        assert "held two things" in page and "a lesson, not a holding" in page
        why = catalog.practices["VD-03"].why
        assert "joint controller" in why and "not a holding" in why
        assert "left responsibility for downstream" not in why

    def test_2_ai_literacy_uses_the_omnibus_wording(self, catalog: Catalog) -> None:
        assert "take measures to support" in term(catalog, "AI literacy")
        assert "ensure it" not in term(catalog, "AI literacy")

    def test_3_green_claims_cite_directive_2024_825_from_27_september_2026(self, catalog: Catalog) -> None:
        p = catalog.practices["GL-06"]
        assert catalog.sources["eu-ecgt-directive-2024-825"].url.endswith("/eli/dir/2024/825/oj")
        mapping(p, "eu-ecgt-directive-2024-825")
        assert "27 September 2026" in p.why and "offsetting" in p.why
        assert "(CL-02)" not in text(p)  # CL-02 is about AI performance claims

    def test_4_ai_only_logos_trade_marks_and_the_uk_computer_generated_works_rule(self, catalog: Catalog) -> None:
        p = catalog.practices["IP-04"]
        assert mapping(p, "uk-cdpa-1988").locator == "s. 9(3)"
        assert "trade mark" in p.why and "passing off" in p.why
        assert not any("trade-mark application" in x for x in p.pitfalls)

    def test_5_children_gdpr_article_8_and_coppa_each_on_its_own_terms(self, catalog: Catalog) -> None:
        p = catalog.practices["VA-01"]
        assert p.checklist is not None and "verifiable" not in p.checklist.line
        assert mapping(p, "eu-gdpr").locator == "Art. 8(1)"
        assert "actually know" in p.why and "offered directly to a child" in p.why

    def test_6_the_linkedin_user_agreement_is_the_november_2025_version(self, catalog: Catalog) -> None:
        assert catalog.sources["linkedin-user-agreement"].date == "2025-11-03"

    def test_7_mortgage_ads_go_under_housing_and_credit_became_financial_products(self, catalog: Catalog) -> None:
        p = catalog.practices["BI-06"]
        assert "Housing special ad category" in (p.example or "")
        assert catalog.sources["meta-special-ad-categories"].date == "2025-01-14"
        assert "financial products and services" in " ".join(p.steps)

    def test_8_the_california_threshold_is_a_million_monthly_visitors_or_users(self, catalog: Catalog) -> None:
        covers = catalog.sources["ca-ai-transparency-act"].covers
        assert "over 1,000,000 monthly visitors or" in covers and "publicly" in covers

    def test_9_the_eaa_standard_points_to_wcag_2_1(self, catalog: Catalog) -> None:
        wcag = term(catalog, "WCAG")
        assert "EN 301 549" in wcag and "2.1 at level AA" in wcag and "2.2" in wcag

    def test_10_ai_voice_consent_covers_calls_and_texts_only_through_autodialers(self, catalog: Catalog) -> None:
        p = catalog.practices["OR-09"]
        assert "text" not in p.rule and p.checklist is not None and "text" not in p.checklist.line
        assert "autodialer" in p.why
        assert catalog.sources["imc-v-fcc-2025"].date == "2025-01-24"
        mapping(p, "imc-v-fcc-2025")

    def test_11_the_ai_act_exploitation_ban_names_its_own_grounds(self, catalog: Catalog) -> None:
        p = catalog.practices["VA-03"]
        assert mapping(p, "eu-ai-act").locator == "Art. 5(1)(b)"
        assert "a specific social or economic situation" in p.why
        assert "grief, are not grounds of that ban" in p.why

    def test_12_the_fake_review_ban_is_in_annex_i_not_article_7_6(self, catalog: Catalog) -> None:
        assert mapping(catalog.practices["EN-01"], "eu-ucpd").locator == "Annex I, points 23b and 23c"

    def test_14_the_gdpr_articles_se_05_cites_were_re_read(self, catalog: Catalog) -> None:
        note = catalog.sources["eu-gdpr"].confidence_note or ""
        for article in ("Art. 5(1)(e)", "Art. 19", "Art. 28(3)(g)", "Art. 17"):
            assert article in note, article
        cited = {m.locator for m in catalog.practices["SE-05"].mappings if m.source == "eu-gdpr"}
        assert cited == {"Art. 5(1)(e)", "Art. 17 and Art. 19", "Art. 28(3)(g)"}


class TestTopicsThatWereMissing:
    def test_the_ftc_impersonation_rule_from_1_april_2024(self, catalog: Catalog) -> None:
        assert catalog.sources["ftc-impersonation-rule-2024"].date == "2024-04-01"
        mapping(catalog.practices["EN-04"], "ftc-impersonation-rule-2024")
        assert "1 April 2024" in catalog.practices["EN-04"].why

    def test_uk_drip_pricing_from_6_april_2025(self, catalog: Catalog) -> None:
        p = catalog.practices["DP-04"]
        assert "drip pricing" in mapping(p, "uk-dmcc-act-2024").relation
        assert "6 April 2025" in p.why

    def test_the_one_to_one_consent_rule_was_vacated(self, catalog: Catalog) -> None:
        assert "Insurance Marketing Coalition" in catalog.practices["OR-09"].why
        assert "24 January 2025" in catalog.practices["OR-09"].why

    def test_ecoa_is_named_in_the_fair_lending_practice(self, catalog: Catalog) -> None:
        p = catalog.practices["BI-06"]
        assert "Equal Credit Opportunity Act" in p.why
        assert "Equal Credit Opportunity Act" in mapping(p, "us-fair-lending-housing-ads").relation
