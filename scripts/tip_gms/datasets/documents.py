"""The documents bundled in the source, with what their title slides say about them.

The front matter of a document is the run of blocks after its title, up to the first slide number and, in
a PDF, the end of the title's page (the title slide; a text, which has no pages, marks the first heading
after it in bold), and before a second block that is none of those below (past the organisation, the
slides have begun: a PDF's title page may run on into them). In it: the date, authors (bullets 'Name,
role'), presenters ('Presented by ...') and the organisation ('Prepared by ...', the presenter's
affiliation, or a block of its own).
"""

import re
from datetime import date

import pandas as pd

from tip_gms import parsing
from tip_gms.datasets import Context
from tip_gms.document import BULLET, SLIDE_NUMBER, Document, Line
from tip_gms.errors import SourceError
from tip_gms.parsing import MONTHS

_MONTH = r"(?P<month>[A-Z][a-z]+)"
_DAYS = [  # a day (the first of a range), its month and year
    re.compile(rf"(?P<day>\d{{1,2}})\s*-\s*\d{{1,2}}\s+{_MONTH}\s+(?P<year>\d{{4}})"),  # 7-9 March 2007
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})\s*-\s*\d{{1,2}},\s*(?P<year>\d{{4}})"),  # March 07-09, 2007
    re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})"),  # 12 May 2009
]
_MONTH_LINE = re.compile(r"^(?:[^,]*,\s*)?(?P<month>[A-Za-z]+\.?\s+\d{4}|\d{4}-\d\d)$")  # March 2007; Almaty, 2010-11
_BY = re.compile(r"^(?P<role>Presented|Prepared) by\s*(?P<who>.*)$", re.IGNORECASE)


def _front_matter(document: Document) -> list[list[Line]]:
    title, *blocks = document.blocks()
    out = []
    for block in blocks:
        # In a PDF, bold is how headings are printed, not a mark of the end of the title slide.
        if block[0].kind == SLIDE_NUMBER or (block[0].page != title[0].page if title[0].page else block[0].bold):
            break
        out.append(block)
    return out


def _date(line: Line) -> tuple[date, str] | None:
    """The date a title slide's line gives, and as printed: a day, or a line that is a month."""
    for pattern in _DAYS:
        if (match := pattern.search(line.text)) and match["month"].casefold() in MONTHS:
            return date(int(match["year"]), MONTHS[match["month"].casefold()], int(match["day"])), match[0]
    if match := _MONTH_LINE.match(line.text):
        try:
            return parsing.month(match["month"], column="date", line=line.number), match["month"]
        except SourceError:
            return None
    return None


def _describe(document: Document) -> dict:
    title = " ".join(line.text for line in document.block(document.first_line))
    people, organisation, dated, unclaimed = [], None, None, []
    blocks = _front_matter(document)
    for i, block in enumerate(blocks):
        claimed = False
        for line in block:
            if (found := _date(line)) and dated is None:
                dated, claimed = found, True
            elif line.kind == BULLET:
                people.append(line.text.lstrip("- ").split(",")[0].strip())
                claimed = True
            elif match := _BY.match(line.text):
                claimed = True
                who = match["who"].strip()
                if match["role"].casefold() == "prepared":
                    organisation = who
                elif who:
                    people.append(who)
                elif i + 1 < len(blocks):  # 'Presented by' alone: the next block is name and affiliation
                    presenter, *affiliation = blocks[i + 1]
                    people.append(presenter.text)
                    if affiliation:
                        organisation = affiliation[0].text.split(",")[-1].strip()
                    blocks[i + 1] = []
        if not claimed and block:
            if unclaimed:
                break
            unclaimed.append(" ".join(line.text for line in block))
    if dated is None:
        raise SourceError(
            "no date found on the title slide", column="date", value=title, line=document.first_line
        )
    return {
        "title": title, "authors_or_presenters": "; ".join(people) or None,
        "organisation": organisation or (unclaimed[0] if unclaimed else None),
        "date": dated[0], "date_as_printed": dated[1],
        "first_line": document.first_line, "last_line": document.last_line,
        "doc_id": document.doc_id, "source_line": document.first_line,
    }


def build(context: Context) -> pd.DataFrame:
    """Every document, with how to cite it (the config's words)."""
    cited = {spec.doc_id: {"citation": spec.citation, "cite_as": spec.cite_as} for spec in context.report.documents}
    return pd.DataFrame([_describe(document) | cited[document.doc_id] for document in context.source.documents])
