"""The Jinja2 templates of publishing/templates/ (the page, the HTML renditions of the codebook and quality
report, the figures' SVG) and the Markdown they show, rendered by markdown-it-py. Every value is escaped."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

_TEMPLATES = Path(__file__).parent / "templates"


def render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


def markdown(text: str) -> Markup:
    """A Markdown document as HTML: headings get ids (links to `#dataset` resolve), tables scroll inside a
    wrapper of their own instead of widening the page, and read as cards on a phone."""
    return Markup(_markdown().render(text))


def inline(text: str | None) -> Markup:
    """One line of Markdown (`code`, *emphasis*) as HTML, so that no backtick is shown literally."""
    return Markup(_markdown().renderInline(text or ""))


def number(value: float | int) -> str:
    """1,000,000 and 29.7: thousands separated, no trailing '.0'."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.4g}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "-", text.casefold()).strip("-")


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                     keep_trailing_newline=True)
    environment.filters |= {"inline": inline, "markdown": markdown, "number": number, "slug": slug}
    return environment


def _heading_ids(state) -> None:
    for opening, content in zip(state.tokens, state.tokens[1:], strict=False):
        if opening.type == "heading_open":
            opening.attrSet("id", slug(content.content))


def _cells_named(state) -> None:
    """Every body cell of a table names its column (`data-column`), so that on a phone each row reads as a card:
    one cell a line, named by its column (the `table.stack` style of base.html.j2)."""
    header: list[str] = []
    column = 0
    for token, content in zip(state.tokens, state.tokens[1:], strict=False):
        if token.type == "thead_open":
            header = []
        elif token.type == "th_open":
            header.append(content.content)
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(header):
                token.attrSet("data-column", header[column])
            column += 1


@cache
def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.core.ruler.push("heading_ids", _heading_ids)
    parser.core.ruler.push("cells_named", _cells_named)
    parser.add_render_rule("table_open", lambda *_: '<div class="table-wrap"><table class="stack">\n')
    parser.add_render_rule("table_close", lambda *_: "</table></div>\n")
    return parser
