"""Readability of the guidance: short rules, plain steps, every abbreviation explained, an example for every must.

The thresholds live in READABILITY (one place). The figures are printed on every run, so a change that makes the
guidance harder to read shows up in the test output even while it still passes.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import pytest
from candor.compiler.catalog import Catalog, Practice


@dataclass(frozen=True)
class Thresholds:
    rule_median_words: int = 20  # median words per rule
    rule_max_words: int = 30  # no rule longer than this
    reading_ease_min: float = 50.0  # Flesch reading ease across rules and steps together
    steps_reading_ease_min: float = 50.0  # and across the steps alone
    # Abbreviations every marketer reads without help; any other needs a glossary entry.
    everyday: frozenset[str] = frozenset({"AI", "EU", "UK", "US", "TV", "IT", "SMS", "URL", "CSV"})
    # Jargon that is not written in capitals but still needs a glossary entry.
    jargon: tuple[str, ...] = ("usnat", "Disclosed Vendors segment", "TC string", "ads.txt", "sellers.json")


READABILITY = Thresholds()
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*s?\b")
PRACTICE_ID = re.compile(r"^[A-Z]{2}-[0-9]{2}$")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def syllables(word: str) -> int:
    """A standard heuristic: vowel groups, less a silent final 'e', at least one per word."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1  # numbers and symbols read as one unit
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


def sentences(text: str) -> int:
    return max(1, len([s for s in re.split(r"[.!?]+(?:\s|$)", text) if words(s)]))


def reading_ease(texts: list[str]) -> float:
    """Flesch reading ease: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word."""
    n_words = sum(len(words(t)) for t in texts)
    n_sentences = sum(sentences(t) for t in texts)
    n_syllables = sum(syllables(w) for t in texts for w in words(t))
    return 206.835 - 1.015 * n_words / n_sentences - 84.6 * n_syllables / n_words


def live(catalog: Catalog) -> list[Practice]:
    return [p for p in catalog.practices.values() if not p.deprecated]


def texts_people_read(catalog: Catalog) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for p in live(catalog):
        out += [(p.id, t) for t in (p.title, p.rule, p.why, p.example or "", *p.steps, *p.evidence, *p.pitfalls)]
    for t in catalog.templates.values():
        out += [(t.id, x) for x in (t.title, t.summary, *t.when, t.body or "", t.notes or "")]
        out += [(t.id, f"{c.meaning} {c.values or ''}") for c in t.columns]
    out += [(theme.id, f"{theme.summary} {theme.mistake}") for theme in catalog.themes]
    return out


def unexplained_abbreviations(catalog: Catalog) -> dict[str, set[str]]:
    known = {t.term for t in catalog.glossary} | {w for t in catalog.glossary for w in t.term.split()}
    found: dict[str, set[str]] = {}
    for where, text in texts_people_read(catalog):
        for token in ABBREVIATION.findall(text):
            if PRACTICE_ID.match(token) or token in READABILITY.everyday:
                continue
            if token in known or (token.endswith("s") and token[:-1] in known):
                continue
            found.setdefault(token, set()).add(where)
    for where, text in texts_people_read(catalog):
        for term in READABILITY.jargon:
            if term in text and term not in known:
                found.setdefault(term, set()).add(where)
    return found


def with_examples(catalog: Catalog) -> set[str]:
    """Practices with a concrete example: their own, or a worked example in a calculator's data."""
    worked = {e["practice"] for tool in catalog.tools.values() for e in tool.get("examples", [])}
    return {p.id for p in live(catalog) if p.example} | worked


@pytest.fixture(scope="module")
def figures(catalog: Catalog) -> dict[str, float]:
    practices = live(catalog)
    lengths = [len(words(p.rule)) for p in practices]
    steps = [s for p in practices for s in p.steps]
    musts = [p for p in practices if p.level == "must"]
    return {
        "rule median words": statistics.median(lengths),
        "rule max words": max(lengths),
        "rules over 20 words": sum(n > 20 for n in lengths),
        "reading ease, rules": reading_ease([p.rule for p in practices]),
        "reading ease, steps": reading_ease(steps),
        "reading ease, rules and steps": reading_ease([p.rule for p in practices] + steps),
        "abbreviations without a glossary entry": len(unexplained_abbreviations(catalog)),
        "musts with an example": sum(p.id in with_examples(catalog) for p in musts),
        "musts": len(musts),
        "practices with an example": len(with_examples(catalog)),
        "practices": len(practices),
    }


def test_print_the_figures(figures: dict[str, float], capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\nReadability of the guidance:")
        for name, value in figures.items():
            print(f"  {name}: {value:.1f}" if isinstance(value, float) else f"  {name}: {value}")
    assert figures["practices"] > 0


def test_rules_are_short(catalog: Catalog, figures: dict[str, float]) -> None:
    assert figures["rule median words"] <= READABILITY.rule_median_words
    too_long = {p.id: len(words(p.rule)) for p in live(catalog) if len(words(p.rule)) > READABILITY.rule_max_words}
    assert not too_long, too_long


def test_rules_and_steps_read_plainly(figures: dict[str, float]) -> None:
    assert figures["reading ease, rules and steps"] >= READABILITY.reading_ease_min
    assert figures["reading ease, steps"] >= READABILITY.steps_reading_ease_min


def test_every_abbreviation_is_in_the_glossary(catalog: Catalog) -> None:
    missing = unexplained_abbreviations(catalog)
    assert not missing, {k: sorted(v) for k, v in missing.items()}


def test_every_must_has_a_concrete_example(catalog: Catalog) -> None:
    examples = with_examples(catalog)
    assert [p.id for p in live(catalog) if p.level == "must" and p.id not in examples] == []


class TestTheMeasuresThemselves:
    """The measures are only worth their thresholds if they tell plain from hard text."""

    def test_reading_ease_ranks_plain_above_dense(self) -> None:
        plain = reading_ease(["Tell people the bot is an AI. Do it in the first line."])
        dense = reading_ease(["Organisational accountability necessitates comprehensive documentation of algorithmic "
                              "decision-making methodologies, including categorisation of personal information."])
        assert plain >= 80 > 20 >= dense

    def test_syllables(self) -> None:
        assert [syllables(w) for w in ("AI", "label", "people", "consent", "transparency")] == [1, 2, 2, 2, 4]

    def test_an_unknown_abbreviation_is_found(self, catalog: Catalog) -> None:
        import dataclasses

        p = next(iter(live(catalog)))
        broken = dataclasses.replace(catalog, practices={**catalog.practices, p.id: dataclasses.replace(p, rule="Ask the XYZQ first.")})
        assert "XYZQ" in unexplained_abbreviations(broken)
        assert "AI" not in unexplained_abbreviations(broken) and p.id not in unexplained_abbreviations(broken)
