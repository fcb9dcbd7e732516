"""Free text in Markdown: it must read as typed in the file and in any CommonMark viewer, and never become markup.

Only what can start markup in running text (a table cell or a list item, never the start of a line) is
escaped: emphasis and code marks, link brackets, HTML tags, entity references and table bars. Parentheses,
hashes, plus signs and full stops cannot start anything there, so they stay as they are (no stray ``\\(``).
"""

from __future__ import annotations

import re

_ALWAYS = set("\\`*[]<|~")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_text(text: str) -> str:
    """``text`` on one line, with the few characters escaped that would otherwise turn into markup."""
    flat = " ".join(text.split())
    out = []
    for i, ch in enumerate(flat):
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == "_" and not (0 < i < len(flat) - 1 and flat[i - 1].isalnum() and flat[i + 1].isalnum()):
            out.append("\\_")  # inside a word (snake_case) an underscore cannot start emphasis
        else:
            out.append(ch)
    return _ENTITY.sub(r"\\&", "".join(out))


def md_heading(text: str) -> str:
    """Free text for an ATX heading: as :func:`md_text`, and a closing ``#`` kept (a heading would drop it)."""
    out = md_text(text)
    return out[:-1] + "\\#" if out.endswith("#") else out
