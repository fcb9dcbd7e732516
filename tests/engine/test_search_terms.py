"""candor.compiler.search_terms: which words each page is ranked first for, and key terms that would lead to two themes."""

from __future__ import annotations

import dataclasses

import pytest
from candor.compiler.catalog import Catalog, Theme
from candor.compiler.search_terms import key_term_problems, terms_by_page, words


def theme(tid: str, *terms: str, check: str = "prelaunch") -> Theme:
    return Theme(tid, tid[:2].upper(), tid.title(), "A summary.", f"guidance/{tid}.md", "A mistake.", check, terms)


def test_search_splits_terms_at_spaces_and_hyphens_in_lower_case() -> None:
    assert words("Dark patterns") == ["dark", "patterns"]
    assert words("voice-clone") == ["voice", "clone"]
    assert words("GDPR") == ["gdpr"]


def test_every_theme_of_the_real_content_has_terms_that_lead_to_it_alone(catalog: Catalog) -> None:
    assert all(t.key_terms for t in catalog.themes)
    assert key_term_problems(catalog.themes) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("review", "review", id="same-word"),
        pytest.param("review", "reviews", id="one-starts-the-other"),
        pytest.param("Label", "labelling", id="any-case"),
        pytest.param("dark patterns", "pattern", id="a-word-of-a-phrase"),
    ],
)
def test_a_word_that_starts_another_themes_word_is_a_problem_naming_both(first: str, second: str) -> None:
    problems = key_term_problems([theme("alpha", first), theme("beta", second)], "themes.yml")
    assert len(problems) == 1
    assert problems[0].startswith("themes.yml: ") and "'alpha'" in problems[0] and "'beta'" in problems[0]


def test_words_that_only_share_letters_later_or_stay_in_one_theme_are_fine() -> None:
    assert key_term_problems([theme("alpha", "bias", "biased"), theme("beta", "unbiased", "abias")]) == []


def test_a_theme_page_gets_its_terms_and_its_check_page_gets_its_id_and_every_pointing_themes_terms(
    catalog: Catalog,
) -> None:
    themes = (theme("alpha", "chatbot", check="disclosure"), theme("beta", "deepfake", "chatbot", check="disclosure"))
    pages = terms_by_page(dataclasses.replace(catalog, themes=themes))
    assert pages["guidance/alpha/"] == ["chatbot"]
    assert pages["guidance/beta/"] == ["deepfake", "chatbot"]
    assert pages["checks/disclosure/"] == ["disclosure", "chatbot", "deepfake"]  # each word once
    assert pages["checks/consent/"] == ["consent"]  # no theme points to it here: found by its id
    assert pages["checks/bias-audit/"] == ["bias-audit"]  # calculators too
