"""Free text in Markdown: it must read as typed in the file and in every common viewer, and never become markup.

The viewers: CommonMark (GitHub, GitLab, most editors' previews), GitHub-style viewers that also turn bare
addresses into links ("linkify"), and Python-Markdown (MkDocs and many wikis). Only what can start markup in
running text (a table cell or a list item, never the start of a line) is changed:

* emphasis and code marks, link brackets and braces (Python-Markdown's attribute lists) get a backslash, which
  all three read as the character itself;
* ``<`` and ``&`` before an entity name become ``&lt;`` and ``&amp;``; ``~`` (strikethrough) and ``|`` (a table
  cell) become ``&#126;`` and ``&#124;``: Python-Markdown keeps a backslash before them, so an escape would show;
* text from a file (:func:`md_user_text`: campaign details) is also kept from becoming a link: a ``.`` or ``@``
  followed by a letter or digit and a ``:`` followed by ``/`` are written as character references, so no
  viewer finds an address (``example.com``, ``name@example.com``, ``https://...``) in it.

Parentheses, hashes, plus signs and full stops cannot start anything there, so they stay as they are (no
stray ``\\(``), and line breaks become spaces, so free text is always one line and cannot start a line of its own.
"""

from __future__ import annotations

import re

_BACKSLASHED = set("\\`*[]{}")
_REFERENCES = {"<": "&lt;", "~": "&#126;", "|": "&#124;"}
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ADDRESS = {".": "&#46;", "@": "&#64;", ":": "&#58;"}


def _escaped(text: str, addresses: bool) -> str:
    flat = " ".join(text.split())
    out = []
    for i, ch in enumerate(flat):
        after = flat[i + 1] if i + 1 < len(flat) else ""
        if ch in _BACKSLASHED:
            out.append("\\" + ch)
        elif ch in _REFERENCES:
            out.append(_REFERENCES[ch])
        elif ch == "_" and not (0 < i < len(flat) - 1 and flat[i - 1].isalnum() and after.isalnum()):
            out.append("\\_")  # inside a word (snake_case) an underscore cannot start emphasis
        elif ch == "&" and _ENTITY.match(flat, i):
            out.append("&amp;")
        elif addresses and ch in _ADDRESS and (after == "/" if ch == ":" else after.isalnum()):
            out.append(_ADDRESS[ch])
        else:
            out.append(ch)
    return "".join(out)


def md_text(text: str) -> str:
    """``text`` on one line, with the few characters changed that would otherwise turn into markup."""
    return _escaped(text, addresses=False)


def md_user_text(text: str) -> str:
    """Text from a file (campaign details) as :func:`md_text`, and never a link, even in a viewer that links
    bare addresses."""
    return _escaped(text, addresses=True)


def md_heading(text: str) -> str:
    """Free text for an ATX heading: as :func:`md_text`, and a closing ``#`` kept (a heading would drop it)."""
    out = md_text(text)
    return out[:-1] + "\\#" if out.endswith("#") else out
