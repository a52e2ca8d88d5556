"""The drawing kit of the figures, for screen, print and grey scale: a figure is a list of shapes (rectangles,
lines, text) on a canvas, written as SVG from a template and drawn as PNG with Pillow, both from the same
shapes; and the registry of figures (`@figure`), with the title, the source note and the order of rows that
every chart shares. The charts are in tip_gms.publishing.charts (the engine's, one per shape of dataset) and
in each report's own charts.py.

No chart library: matplotlib took 0.5-1 s a figure, these take milliseconds (docs/benchmarks.md). Text is
set in DejaVu Sans, shipped in fonts/, so that a PNG is the same bytes on every machine. Every value that a
colour or a length shows is also written on the figure, so nothing depends on telling colours apart.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tip_gms.datasets import schema
from tip_gms.publishing.templating import render
from tip_gms.shapes import shape

FONT = Path(__file__).parent / "fonts" / "DejaVuSans.ttf"
PNG_SCALE = 1  # PNG pixels per SVG unit
INK, MUTED, RULE, DARK, LIGHT = "#1a1a1a", "#595959", "#d0d0d0", "#2b5c8a", "#9ec5e8"
MARGIN = 16


@dataclass(frozen=True)
class Mark:
    """A rectangle (`w` x `h`), a line from (x, y) to (x + w, y + h), or text whose baseline starts, centres or
    ends (`anchor`) at (x, y)."""

    kind: str
    x: int
    y: int
    w: int = 0
    h: int = 0
    colour: str = INK
    text: str = ""
    size: int = 11
    anchor: str = "start"


@dataclass
class Canvas:
    width: int
    height: int = 0
    marks: list[Mark] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        self.marks.append(Mark("rect", round(x), round(y), max(round(w), 0), max(round(h), 0), colour))

    def line(self, x: float, y: float, w: float, h: float, colour: str = RULE) -> None:
        self.marks.append(Mark("line", round(x), round(y), round(w), round(h), colour))

    def text(self, x: float, y: float, text: str, size: int = 11, colour: str = INK, anchor: str = "start") -> None:
        self.marks.append(Mark("text", round(x), round(y), colour=colour, text=text, size=size, anchor=anchor))

    def paragraph(self, x: float, y: float, text: str, width: float, size: int = 11, colour: str = INK) -> float:
        """`text` wrapped to `width`, its first baseline at `y`; the baseline below its last line."""
        for line in wrap(text, size, width):
            self.text(x, y, line, size, colour)
            y += round(size * 1.35)
        return y


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


@cache
def width_of(text: str, size: int) -> float:
    return font(size).getlength(text)


def wrap(text: str, size: int, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and width_of(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def svg(canvas: Canvas, title: str) -> str:
    return render("figure.svg.j2", canvas=canvas, title=title)


def png(canvas: Canvas) -> bytes:
    scale = PNG_SCALE
    image = Image.new("RGB", (canvas.width * scale, canvas.height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for mark in canvas.marks:
        x, y, w, h = mark.x * scale, mark.y * scale, mark.w * scale, mark.h * scale
        if mark.kind == "rect" and w and h:
            draw.rectangle((x, y, x + w - 1, y + h - 1), fill=mark.colour)
        elif mark.kind == "line":
            draw.line((x, y, x + w, y + h), fill=mark.colour, width=scale)
        elif mark.kind == "text":
            draw.text((x, y), mark.text, fill=mark.colour, font=font(mark.size * scale), anchor=anchors[mark.anchor])
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(96 * scale, 96 * scale), compress_level=1)  # prints at the SVG's size
    return buffer.getvalue()


def ink_on(colour: str) -> str:
    """Black or white, whichever reads on `colour` (its relative luminance, WCAG)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.18 else INK


Rows = list[dict]
Figure = Callable[[Mapping[str, Rows], str], Canvas]
FIGURES: dict[str, tuple[str, tuple[str, ...], Figure]] = {}



def figure(name: str, title: str, *datasets: str):
    """Register a figure drawn from `datasets` (the first one's documents each get one), by `name`."""
    def register(function: Figure) -> Figure:
        FIGURES[name] = (title, datasets, function)
        return function
    return register


def dataset_title(dataset: str) -> str:
    """The first sentence of the dataset's description (its schema): what its rows are, in the report's words."""
    return shape(dataset, schema(dataset)).description.split(". ")[0].rstrip(".")


def titled_canvas(width: float, title: str) -> tuple[Canvas, float]:
    """A canvas `width` wide with `title` at its top, and the y below the title."""
    canvas = Canvas(round(width))
    return canvas, canvas.paragraph(MARGIN, MARGIN + 14, title, width - 2 * MARGIN, size=15) + 4


def with_source_note(canvas: Canvas, y: float, cite: str, rows: Rows, words: str = "") -> Canvas:
    """The canvas with the source note at its foot (the document's short citation and the lines the values come
    from), its height set below the note."""
    lines = [row["source_line"] for row in rows]
    note = f"{words}Source: {cite}, lines {min(lines)}-{max(lines)}. Figure: tip-gms."
    canvas.height = round(canvas.paragraph(MARGIN, y + 16, note, canvas.width - 2 * MARGIN, 10, MUTED)) + 4
    return canvas


def values_in_order(rows: Rows, key: str) -> list:
    """The values of `key`, each once, in the order of the rows (the table's own order)."""
    return list(dict.fromkeys(row[key] for row in rows))
