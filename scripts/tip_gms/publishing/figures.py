"""The figures, for screen, print and grey scale: each is a list of shapes (rectangles, lines, text) on a
canvas, written as SVG from a template and drawn as PNG with Pillow, both from the same shapes.

No chart library: matplotlib took 0.5-1 s a figure, these take milliseconds (docs/benchmarks.md). Text is
set in DejaVu Sans, shipped in fonts/, so that a PNG is the same bytes on every machine. Every value that a
colour or a length shows is also written on the figure, so nothing depends on telling colours apart.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyarrow as pa
from PIL import Image, ImageDraw, ImageFont

from schemas.tier_placements import TIER_RANKS
from tip_gms.datasets import report_packages, schema
from tip_gms.files import replacing
from tip_gms.publishing.templating import number, render
from tip_gms.reports import Report
from tip_gms.shapes import shape

FONT = Path(__file__).parent / "fonts" / "DejaVuSans.ttf"
PNG_SCALE = 1  # PNG pixels per SVG unit
INK, MUTED, RULE, DARK, LIGHT = "#1a1a1a", "#595959", "#d0d0d0", "#2b5c8a", "#9ec5e8"
# Tier 1 (best) to Tier 3 (worst), light to dark: each a step apart in grey scale too.
TIER_COLOURS = ("#fee5d9", "#fcae91", "#ef6548", "#99000d")
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
_ACROSS_DOCUMENTS = {"countries"}  # derived from every document: one row per country, not per document


def figure(name: str, title: str, *datasets: str):
    """Register a figure drawn from `datasets` (the first one's documents each get one), by `name`."""
    def register(function: Figure) -> Figure:
        FIGURES[name] = (title, datasets, function)
        return function
    return register


def described(dataset: str) -> str:
    """The first sentence of the dataset's description (its schema): what its rows are, in the report's words."""
    return shape(dataset, schema(dataset)).description.split(". ")[0].rstrip(".")


def titled(width: float, title: str) -> tuple[Canvas, float]:
    canvas = Canvas(round(width))
    return canvas, canvas.paragraph(MARGIN, MARGIN + 14, title, width - 2 * MARGIN, size=15) + 4


def noted(canvas: Canvas, y: float, cite: str, rows: Rows, words: str = "") -> Canvas:
    """The source note at the foot: the document's short citation and the lines the values come from."""
    lines = [row["source_line"] for row in rows]
    note = f"{words}Source: {cite}, lines {min(lines)}-{max(lines)}. Figure: tip-gms."
    canvas.height = round(canvas.paragraph(MARGIN, y + 16, note, canvas.width - 2 * MARGIN, 10, MUTED)) + 4
    return canvas


def in_order(rows: Rows, key: str) -> list:
    """The values of `key`, each once, in the order of the rows (the table's own order)."""
    return list(dict.fromkeys(row[key] for row in rows))


@figure("tier_placements", "US TIP Report tier by country and year", "tier_placements")
def tier_heat_map(frames: Mapping[str, Rows], cite: str) -> Canvas:
    """A cell per country and year, coloured by tier; the legend names each tier in the words of the dataset
    the config gives it (settings: `figure_reads`, rows with `tier` and `label`), else 'Tier 1' ..."""
    tiers = frames["tier_placements"]
    years, countries = sorted(in_order(tiers, "year")), in_order(tiers, "country")
    cells = {(row["country"], row["year"]): row for row in tiers}
    labels = {row["tier"]: row["label"] for name, rows in frames.items() if name != "tier_placements"
              for row in rows if "label" in row}
    left = MARGIN + max(width_of(c, 12) for c in countries) + 10
    cell_w, cell_h = 64, 28
    legend = MARGIN + width_of("Tier, from best to worst:", 11) + 12 + sum(54 + width_of(labels.get(t, f"Tier {t}"), 11)
                                                            for t in TIER_RANKS)
    canvas, top = titled(max(left + cell_w * len(years), legend) + MARGIN, described("tier_placements"))
    top += 18
    for j, year in enumerate(years):
        canvas.text(left + (j + 0.5) * cell_w, top - 6, str(year), 12, anchor="middle")
    for i, country in enumerate(countries):
        y = top + i * cell_h
        canvas.text(left - 10, y + cell_h / 2 + 4, country, 12, anchor="end")
        for j, year in enumerate(years):
            if row := cells.get((country, year)):
                colour = TIER_COLOURS[row["tier_rank"] - 1]
                canvas.rect(left + j * cell_w, y, cell_w - 2, cell_h - 2, colour)
                canvas.text(left + (j + 0.5) * cell_w - 1, y + cell_h / 2 + 4, row["tier"], 12, ink_on(colour),
                            "middle")
    y = top + len(countries) * cell_h + 14
    canvas.text(MARGIN, y + 12, "Tier, from best to worst:", 11)
    x = MARGIN + width_of("Tier, from best to worst:", 11) + 12
    for tier, rank in sorted(TIER_RANKS.items(), key=lambda item: item[1]):
        label = labels.get(tier, f"Tier {tier}")
        if x + 36 + width_of(label, 11) > canvas.width - MARGIN:
            x, y = MARGIN, y + 22
        colour = TIER_COLOURS[rank - 1]
        canvas.rect(x, y, 30, 16, colour)
        canvas.text(x + 15, y + 12, tier, 10, ink_on(colour), "middle")
        canvas.text(x + 36, y + 12, label, 11)
        x += 36 + width_of(label, 11) + 18
    return noted(canvas, y + 26, cite, tiers)


def _group_label(label: str) -> str:
    """A printed group of countries, 'Other(22 c.)', as 'Other (22 countries)'."""
    match = re.fullmatch(r"(?P<name>.*?)\s*\((?P<count>\d+)\s*c\.?\)", label)
    return f"{match['name']} ({match['count']} countries)" if match else label


# A dataset of persons counted by destination and year (victims rescued abroad, repatriated, ...) gets the
# figure below, named after the dataset and titled by its description.
BY_DESTINATION = {"destination", "destination_iso3", "year", "persons"}


def persons_by_destination(frames: Mapping[str, Rows], cite: str) -> Canvas:
    """A table of bars: a row per destination (largest total first, groups of countries last), a column per
    year and one for the total; every bar has its value."""
    (dataset, rescued), = frames.items()
    columns: list = [*sorted(in_order(rescued, "year")), "Total"]
    counts: dict[str, dict] = {}
    for row in rescued:
        by_year = counts.setdefault(row["destination"], {"Total": 0})
        by_year[row["year"]] = by_year.get(row["year"], 0) + row["persons"]
        by_year["Total"] += row["persons"]
    grouped = {row["destination"] for row in rescued if row["destination_iso3"] is None}
    order = sorted(counts, key=lambda d: (d in grouped, -counts[d]["Total"], d))
    names = {d: _group_label(d) if d in grouped else d for d in order}
    left = MARGIN + max(width_of(n, 12) for n in names.values()) + 10
    column_w, row_h = 104, 24
    canvas, top = titled(left + column_w * len(columns) + MARGIN, described(dataset))
    canvas.text(MARGIN, top + 8, "Persons; the years share one scale.", 11, MUTED)
    top += 34
    largest = {column: max(by_year.get(column, 0) for by_year in counts.values()) for column in columns}
    largest |= dict.fromkeys(columns[:-1], max(largest[year] for year in columns[:-1]))  # one scale for the years
    for j, column in enumerate(columns):
        canvas.text(left + j * column_w, top - 6, str(column), 12)
    for i, destination in enumerate(order):
        y = top + i * row_h
        canvas.line(MARGIN, y + row_h - 3, canvas.width - 2 * MARGIN, 0)
        canvas.text(left - 10, y + 15, names[destination], 12, anchor="end")
        for j, column in enumerate(columns):
            if (value := counts[destination].get(column)) is None:
                continue
            bar = (column_w - 40) * value / largest[column]
            canvas.rect(left + j * column_w, y + 4, bar, row_h - 10, DARK if column != "Total" else MUTED)
            canvas.text(left + j * column_w + bar + 4, y + 15, number(value), 11)
    note = "Total: the sum over the years shown, on a scale of its own. "
    return noted(canvas, top + len(order) * row_h, cite, rescued, note)


def _short(power_of_ten: int) -> str:
    """1, 10, 100, 1,000, 10k, 100k, 1M: axis labels that fit a decade's width."""
    for divisor, suffix in ((10**9, "G"), (10**6, "M"), (10**3, "k")):
        if power_of_ten >= max(divisor, 10**4):
            return f"{power_of_ten // divisor}{suffix}"
    return number(power_of_ten)


_SAID = {"over": "over", "more_than": "more than", "about": "about", "under": "under", "up_to": "up to",
         "at_least": "at least"}


def said(figure: Mapping) -> str:
    """A figure as the report qualifies it: 'over 1,000,000', 'about 600,000-800,000'."""
    value = number(figure["value"]) + (f"-{number(figure['value_max'])}" if figure["value_max"] is not None else "")
    return f"{_SAID.get(figure['qualifier'], figure['qualifier'])} {value}" if figure["qualifier"] else value


@figure("key_figures", "Key figures counting persons, by country", "key_figures", "countries")
def key_figures_by_country(frames: Mapping[str, Rows], cite: str) -> Canvas:
    """One bar per key figure counting persons, on a log scale (they run from tens to millions), with its value
    as the report qualifies it and the time it refers to; grouped by country, regional figures first."""
    names = {row["iso3"]: row["name"] for row in frames.get("countries", [])}
    persons = [row for row in frames["key_figures"] if row["unit"] == "persons"]
    groups: dict[str, Rows] = {}
    for row in sorted(persons, key=lambda r: (r["iso3"] is not None, names.get(r["iso3"], r["iso3"] or ""),
                                              -r["value"])):
        groups.setdefault(names.get(row["iso3"], row["iso3"]) or "Region or world", []).append(row)
    label_w, bar_w, value_w = 330, 260, 230
    canvas, top = titled(MARGIN * 2 + label_w + bar_w + value_w, "Key figures counting persons, by country")
    decades = math.ceil(math.log10(max(10, *(r["value_max"] or r["value"] for r in persons))))
    left = MARGIN + label_w

    def x_of(value: float) -> float:
        return left + bar_w * math.log10(max(value, 1)) / decades

    canvas.text(left, top + 8, "Persons, log scale: each step is ten times the one before", 11, MUTED)
    top += 26
    for decade in range(decades + 1):
        canvas.text(x_of(10**decade), top, _short(10**decade), 10, MUTED, "middle")
    y = axis_top = top + 8
    for group, rows in groups.items():
        y += 20
        canvas.text(MARGIN, y, group, 12)
        y += 6
        for row in rows:
            lines = wrap(row["label"], 10, label_w - 12)
            for k, line in enumerate(lines):
                canvas.text(MARGIN + 10, y + 13 + 13 * k, line, 10)
            canvas.rect(left, y + 3, x_of(row["value"]) - left, 12, DARK)
            if row["value_max"] is not None:
                canvas.rect(x_of(row["value"]), y + 3, x_of(row["value_max"]) - x_of(row["value"]), 12, LIGHT)
            period = f" ({row['period']})" if row["period"] and row["period"] not in row["label"] else ""
            canvas.text(left + bar_w + 8, y + 13, said(row) + period, 10)
            y += max(len(lines) * 13 + 4, 18)
    for decade in range(decades + 1):
        canvas.line(x_of(10**decade), axis_top, 0, y - axis_top)
    return noted(canvas, y + 4, cite, persons, "Light bar: the upper bound of a range. ")


def _reads(reports: Sequence[Report], dataset: str) -> list[str]:
    return list(dict.fromkeys(name for report in reports for name in report.settings(dataset).get("figure_reads", [])))


def drawn_from(tables: Mapping[str, pa.Table]) -> dict[str, tuple[str, tuple[str, ...], Figure]]:
    """The figures these tables give, in the order of the page: the registered ones, then one per dataset of
    persons by destination and year."""
    return FIGURES | {name: (described(name), (name,), persons_by_destination) for name, table in tables.items()
                      if set(table.column_names) >= BY_DESTINATION}


def write(tables: Mapping[str, pa.Table], cite_as: Mapping[str, str], folder: Path,
          reports: Sequence[Report] = ()) -> dict[Path, str]:
    """Draw every figure for every document that has its first dataset (`cite_as`: doc_id -> short citation);
    write `<name>-<doc_id>.png` and `.svg` atomically; return each figure's path (without suffix), in the
    order of the page, with its title. A figure's other datasets (and those the reports' config adds to its
    first one, settings: `figure_reads`) are optional."""
    drawn = {name: (title, (*datasets, *_reads(reports, datasets[0])), draw)
             for name, (title, datasets, draw) in drawn_from(tables).items()}
    needed = {d for _, datasets, _ in drawn.values() for d in datasets if d in tables}
    rows = {name: tables[name].to_pylist() for name in needed}
    by_document: dict[str, dict[str, Rows]] = {name: {} for name in needed}
    for name in needed - _ACROSS_DOCUMENTS:
        for row in rows[name]:
            by_document[name].setdefault(row["doc_id"], []).append(row)
    written = {}
    for name, (title, datasets, draw) in drawn.items():
        for doc_id in by_document.get(datasets[0], {}):
            inputs = {d: rows[d] if d in _ACROSS_DOCUMENTS else by_document[d].get(doc_id) for d in datasets
                      if d in needed}
            inputs = {d: frame for d, frame in inputs.items() if frame}
            canvas = draw(inputs, cite_as.get(doc_id, doc_id))
            for suffix, content in ((".svg", svg(canvas, title).encode()), (".png", png(canvas))):
                with replacing(folder / f"{name}-{doc_id}{suffix}") as path:
                    path.write_bytes(content)
            written[folder / f"{name}-{doc_id}"] = title
    return written



for _package in report_packages():  # each report's own charts, registered by importing them
    if importlib.util.find_spec(f"{_package}.charts"):
        importlib.import_module(f"{_package}.charts")
