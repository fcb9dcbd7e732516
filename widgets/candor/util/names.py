"""Names people type (bias audit group names): normalised, and refused when a character hides or reorders text.

A name is free text and stays text, but some characters make a result lie without any markup: a control
character breaks the SVG chart, a right-to-left override reverses the digits around it ("0.62" reads
"26.0"), a zero-width space makes two different groups look identical. :func:`clean_name` refuses those
and returns the name in NFC; :func:`name_key` is what duplicate checks compare (compatibility forms,
case, spacing and joiners folded); :func:`isolate` wraps a right-to-left name so that the sentence and
numbers around it keep their order.
"""

from __future__ import annotations

import unicodedata

# Zero-width joiner and non-joiner shape letters in Persian, Arabic, Indic scripts and emoji: allowed in a
# name, ignored when names are compared.
_JOINERS = {"\u200c", "\u200d"}
# Control (Cc), format (Cf: bidi controls, zero-width spaces, soft hyphens), lone surrogates (Cs) and line or
# paragraph separators. Unassigned and private-use code points are left alone: they show as a box, hiding nothing.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_FSI, _PDI = "\u2068", "\u2069"


def refused_character(text: str) -> str | None:
    """The first character that could hide, reorder or break text (control, format, bidi, surrogate), if any."""
    for ch in text:
        if ch in _JOINERS:
            continue
        if unicodedata.category(ch) in _REFUSED_CATEGORIES:
            return ch
    return None


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names a character nobody can see."""
    name = unicodedata.name(ch, "")
    if name:
        return f"U+{ord(ch):04X} {name}"
    what = "half of a character (a lone surrogate)" if unicodedata.category(ch) == "Cs" else "a control character"
    return f"U+{ord(ch):04X}, {what}"


def clean_name(text: str) -> tuple[str, str | None]:
    """``(name in NFC without outer spaces, None)``, or ``(text, refused character)``."""
    bad = refused_character(text)
    if bad is not None:
        return text, bad
    return unicodedata.normalize("NFC", text).strip(), None


def name_key(name: str) -> str:
    """What two names are compared by: NFKC, case-folded, joiners dropped, runs of spaces made one."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join("".join(ch for ch in folded if ch not in _JOINERS).split())


def isolate(name: str) -> str:
    """The name between first-strong isolate marks when it holds right-to-left letters; else as it is."""
    if any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name):
        return f"{_FSI}{name}{_PDI}"
    return name
