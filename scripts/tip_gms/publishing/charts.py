"""The engine's charts: one per shape of dataset (a table of tiers by year, of counts by year), bound to a
report's dataset by its builder in the config, and the chart of the key figures."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from schemas.tier_placements import TIER_RANKS
from tip_gms.publishing.drawing import (
    DARK,
    LIGHT,
    MARGIN,
    MUTED,
    Canvas,
    Rows,
    dataset_title,
    figure,
    ink_on,
    titled_canvas,
    values_in_order,
    width_of,
    with_source_note,
    wrap,
)
from tip_gms.publishing.templating import number

# Tier 1 (best) to Tier 3 (worst), light to dark: each a step apart in grey scale too.
TIER_COLOURS = ("#fee5d9", "#fcae91", "#ef6548", "#99000d")


def tier_heat_map(frames: Mapping[str, Rows], cite: str) -> Canvas:
    """A cell per country and year, coloured by tier; the legend names each tier in the words of the dataset
    the config gives it (settings: `figure_reads`, rows with `tier` and `label`), else 'Tier 1' ..."""
    (dataset, tiers), *others = frames.items()
    years, countries = sorted(values_in_order(tiers, "year")), values_in_order(tiers, "country")
    cells = {(row["country"], row["year"]): row for row in tiers}
    labels = {row["tier"]: row["label"] for _, rows in others for row in rows if "label" in row}
    left = MARGIN + max(width_of(c, 12) for c in countries) + 10
    cell_w, cell_h = 64, 28
    legend = MARGIN + width_of("Tier, from best to worst:", 11) + 12 + sum(54 + width_of(labels.get(t, f"Tier {t}"), 11)
                                                            for t in TIER_RANKS)
    canvas, top = titled_canvas(max(left + cell_w * len(years), legend) + MARGIN, dataset_title(dataset))
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
    return with_source_note(canvas, y + 26, cite, tiers)


def _group_label(label: str) -> str:
    """A printed group of countries, 'Other(22 c.)', as 'Other (22 countries)'."""
    match = re.fullmatch(r"(?P<name>.*?)\s*\((?P<count>\d+)\s*c\.?\)", label)
    return f"{match['name']} ({match['count']} countries)" if match else label


def persons_by_destination(frames: Mapping[str, Rows], cite: str) -> Canvas:
    """A table of bars: a row per destination (largest total first, groups of countries last), a column per
    year and one for the total; every bar has its value."""
    (dataset, counted), = frames.items()
    columns: list = [*sorted(values_in_order(counted, "year")), "Total"]
    counts: dict[str, dict] = {}
    for row in counted:
        by_year = counts.setdefault(row["destination"], {"Total": 0})
        by_year[row["year"]] = by_year.get(row["year"], 0) + row["persons"]
        by_year["Total"] += row["persons"]
    grouped = {row["destination"] for row in counted if row["destination_iso3"] is None}
    order = sorted(counts, key=lambda d: (d in grouped, -counts[d]["Total"], d))
    names = {d: _group_label(d) if d in grouped else d for d in order}
    left = MARGIN + max(width_of(n, 12) for n in names.values()) + 10
    column_w, row_h = 104, 24
    canvas, top = titled_canvas(left + column_w * len(columns) + MARGIN, dataset_title(dataset))
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
    return with_source_note(canvas, top + len(order) * row_h, cite, counted, note)


def _short(power_of_ten: int) -> str:
    """1, 10, 100, 1,000, 10k, 100k, 1M: axis labels that fit a decade's width."""
    for divisor, suffix in ((10**9, "G"), (10**6, "M"), (10**3, "k")):
        if power_of_ten >= max(divisor, 10**4):
            return f"{power_of_ten // divisor}{suffix}"
    return number(power_of_ten)


@figure("key_figures", "Key figures counting persons, by country", "key_figures", "countries", "key_figures_cited")
def key_figures_by_country(frames: Mapping[str, Rows], cite: str) -> Canvas:
    """One bar per key figure counting persons, on a log scale (they run from tens to millions), with its value
    as the report qualifies it (the view key_figures_cited words it, as for the page and for users) and the
    time it refers to; grouped by country, regional figures first."""
    names = {row["iso3"]: row["name"] for row in frames.get("countries", [])}
    worded = {row["figure_id"]: row["figure"] for row in frames.get("key_figures_cited", [])}
    persons = [row for row in frames["key_figures"] if row["unit"] == "persons"]
    groups: dict[str, Rows] = {}
    for row in sorted(persons, key=lambda r: (r["iso3"] is not None, names.get(r["iso3"], r["iso3"] or ""),
                                              -r["value"])):
        groups.setdefault(names.get(row["iso3"], row["iso3"]) or "Region or world", []).append(row)
    label_w, bar_w, value_w = 330, 260, 230
    canvas, top = titled_canvas(MARGIN * 2 + label_w + bar_w + value_w, "Key figures counting persons, by country")
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
            canvas.text(left + bar_w + 8, y + 13, worded.get(row["figure_id"], number(row["value"])) + period, 10)
            y += max(len(lines) * 13 + 4, 18)
    for decade in range(decades + 1):
        canvas.line(x_of(10**decade), axis_top, 0, y - axis_top)
    return with_source_note(canvas, y + 4, cite, persons, "Light bar: the upper bound of a range. ")


# The chart of a dataset of each shape, by the builder that reads it (the config's `builder`): its title and
# how it is drawn.
BY_SHAPE = {
    "counts_by_year": (dataset_title, persons_by_destination),
    "tiers_by_year": (lambda _: "US TIP Report tier by country and year", tier_heat_map),
    "tiers_by_year_as_rows": (lambda _: "US TIP Report tier by country and year", tier_heat_map),
}
