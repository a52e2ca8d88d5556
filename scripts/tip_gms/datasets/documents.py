"""The documents bundled in the source, with what their title slides say about them.

A document's title is its first line and the heading lines printed like it after it (Document.title). Its front
matter is the lines after the title up to the first slide number and, in a PDF, the end of the title's page
(the title slide; a text, which has no pages, marks the first heading after it in bold). In it, found by
their words wherever blank lines fall: the date, authors (bullets 'Name, role'), presenters ('Presented by
...') and the organisation ('Prepared by ...', the presenter's affiliation, or the first lines that none of
these claim: a block, or lines that end in a comma and go on).
"""

import re

import pandas as pd

from tip_gms.datasets import Context
from tip_gms.document import BLANK, BULLET, BY, SLIDE_NUMBER, Document, Line
from tip_gms.errors import SourceError
from tip_gms.parsing import date_in

_ROLE = re.compile(r"\b(Presented|Prepared) by\b\s*", re.IGNORECASE)


def _front_matter(document: Document, title: list[Line]) -> list[Line]:
    """The front matter's lines, a blank line kept where it ends a block."""
    out: list[Line] = []
    starts_block = False
    for line in document.lines[document.lines.index(title[-1]) + 1:]:
        # In a PDF, bold is how headings are printed, not a mark of the end of the title slide.
        ends = line.page != title[0].page if title[0].page else (starts_block and line.bold)
        if line.kind == SLIDE_NUMBER or (line.kind != BLANK and ends):
            break
        starts_block = line.kind == BLANK
        out.append(line)
    return out


def _describe(document: Document) -> dict:
    title = document.title
    people, organisation, dated, unclaimed = [], None, None, []
    lines = _front_matter(document, title)
    taken: set[int] = set()
    for i, line in enumerate(lines):
        if line.kind == BLANK or line.number in taken:
            continue
        if (found := date_in(line.text, line=line.number)) and dated is None:
            dated = found
        elif line.kind == BULLET:
            people.append(line.text.lstrip("- ").split(",")[0].strip())
        elif by := _by_whom(line.text):
            for role, who in by:
                if role == "prepared":
                    organisation = who
                elif who:
                    people.append(who)
                else:  # 'Presented by' alone: the next lines are name and affiliation
                    presenter, *affiliation = [ln for ln in lines[i + 1:] if ln.kind != BLANK][:2]
                    people.append(presenter.text)
                    taken.add(presenter.number)
                    if affiliation and not _says_when_or_by_whom(affiliation[0]):
                        organisation = affiliation[0].text.split(",")[-1].strip()
                        taken.add(affiliation[0].number)
        elif not unclaimed or _goes_on(lines, i, unclaimed[-1]):
            unclaimed.append(line)
    if dated is None:
        raise SourceError("no date found on the title slide", column="date",
                          value=" ".join(line.text for line in title), line=document.first_line)
    return {
        "title": " ".join(line.text for line in title), "authors_or_presenters": "; ".join(people) or None,
        "organisation": organisation or (" ".join(line.text for line in unclaimed) or None),
        "date": dated[0], "date_as_printed": dated[1],
        "first_line": document.first_line, "last_line": document.last_line,
        "doc_id": document.doc_id, "source_line": document.first_line,
    }


def _by_whom(text: str) -> list[tuple[str, str]]:
    """(role, who) for each 'Prepared by ...' and 'Presented by ...' in a line that starts with one: a PDF may
    print two such lines as one."""
    if not BY.match(text):
        return []
    _, *parts = _ROLE.split(text)
    return [(role.casefold(), who.strip()) for role, who in zip(parts[::2], parts[1::2], strict=True)]


def _says_when_or_by_whom(line: Line) -> bool:
    return bool(date_in(line.text, line=line.number) or BY.match(line.text))


def _goes_on(lines: list[Line], i: int, last: Line) -> bool:
    """Whether line `i` goes on from the unclaimed line `last`: right after it in its block, or after a gap
    where `last` ends in a comma."""
    between = lines[lines.index(last) + 1:i]
    return all(line.kind == BLANK for line in between) and (not between or last.text.endswith(","))


def build(context: Context) -> pd.DataFrame:
    """Every document, with how to cite it (the config's words)."""
    cited = {spec.doc_id: {"citation": spec.citation, "cite_as": spec.cite_as} for spec in context.report.documents}
    return pd.DataFrame([_describe(document) | cited[document.doc_id] for document in context.source.documents])
