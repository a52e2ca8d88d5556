"""Text broken over lines, joined again (READING 'word broken at a line end'): in a wrapped line, in a table's
cell, across a page break."""

from __future__ import annotations

import re

_BROKEN = re.compile(r"\S-$")  # a line that ends in a hyphen inside a word, not in a dash standing alone
_SUSPENDED = re.compile(r"(and|or|nor|to)\b")  # 'women- and children-trafficking': a hyphen left hanging
_SLASHED = re.compile(r"[^\W\d_]/$")  # 'Centers/' + 'shelters': words joined by a slash


def joined(parts: list[str], broken: list[bool] | None = None) -> str:
    """Parts of a text broken over lines, joined again; `broken` says which parts are a word too long for its
    table cell, broken without a hyphen."""
    out = ""
    for k, part in enumerate(parts):
        new_word = out[-1:].islower() and not part[:1].islower()  # 'Suppression' + 'Act.', not '(MWA' + 'F),'
        glued = k and ((_BROKEN.search(out) and part[:1].isalnum() and not _SUSPENDED.match(part))
                       or (_SLASHED.search(out) and part[:1].isalpha())
                       or (broken and broken[k - 1] and not new_word))  # a word too long for its cell
        out = out + part if glued else f"{out} {part}".strip()
    return out
