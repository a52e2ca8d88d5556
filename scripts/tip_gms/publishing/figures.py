"""The figures: PNG and SVG, deterministic (no dates, fixed SVG ids), each with a title, axis labels and a
source note naming the lines the values come from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt
import pandas as pd
import pyarrow as pa

from tip_gms.datasets import schema
from tip_gms.files import replacing
from tip_gms.shapes import shape

# Text stays text in SVG (smaller, searchable, and much faster to write than glyph paths).
plt.rcParams.update({"svg.hashsalt": "tip-gms", "svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9})
_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Date": None, "Creator": None}
Figure = Callable[[Mapping[str, pd.DataFrame]], plt.Figure]
FIGURES: dict[str, tuple[str, tuple[str, ...], Figure]] = {}


def figure(name: str, title: str, *datasets: str):
    def register(function: Figure) -> Figure:
        FIGURES[name] = (title, datasets, function)
        return function
    return register


def _described(dataset: str) -> str:
    """The first sentence of the dataset's description (its schema): what its rows are, in the report's words."""
    return shape(dataset, schema(dataset)).description.split(". ")[0].rstrip(".")


def _note(fig: plt.Figure, frame: pd.DataFrame) -> None:
    """The source note at the foot of the figure (the document's short citation, set by `write`); the layout
    leaves room for it."""
    lines = frame["source_line"]
    fig.text(0.01, 0.01, f"Source: {frame.attrs['cite_as']}, lines {lines.min()}-{lines.max()}. tip-gms",
             fontsize=7, color="#555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))


@figure("tier_placements", "US TIP Report tier by country and year", "tier_placements")
def tier_heat_map(frames: Mapping[str, pd.DataFrame]) -> plt.Figure:
    tiers = frames["tier_placements"]
    ranks = tiers.pivot(index="country", columns="year", values="tier_rank")
    labels = tiers.pivot(index="country", columns="year", values="tier")
    order = tiers.drop_duplicates("country")["country"]  # the table's own row order
    ranks, labels = ranks.loc[order], labels.loc[order]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.imshow(ranks.to_numpy(dtype=float), cmap="OrRd", vmin=1, vmax=4, aspect="auto")
    for i, country in enumerate(ranks.index):
        for j, year in enumerate(ranks.columns):
            ax.text(j, i, labels.loc[country, year], ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(ranks.columns)), [str(y) for y in ranks.columns])
    ax.set_yticks(range(len(ranks.index)), list(ranks.index))
    ax.set_xlabel("TIP Report year")
    ax.set_ylabel("Country")
    ax.set_title("US TIP Report tier by country and year (darker is worse; 2WL = Tier 2 Watch List)")
    _note(fig, tiers)
    return fig


@figure("thai_victims_rescued", "Women and children rescued abroad, by destination and year", "thai_victims_rescued")
def rescued_stacked_bars(frames: Mapping[str, pd.DataFrame]) -> plt.Figure:
    rescued = frames["thai_victims_rescued"]
    table = rescued.pivot(index="year", columns="destination", values="persons")
    table = table[rescued.drop_duplicates("destination")["destination"]]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    bottom = pd.Series(0, index=table.index)
    colours = plt.get_cmap("tab10")
    for i, destination in enumerate(table.columns):
        ax.bar([str(y) for y in table.index], table[destination], bottom=bottom, label=destination, color=colours(i))
        bottom = bottom + table[destination]
    ax.set_xlabel("Year")
    ax.set_ylabel("Women and children rescued (persons)")
    ax.set_title(_described("thai_victims_rescued"))
    ax.legend(fontsize=7, title="Destination", title_fontsize=7, bbox_to_anchor=(1.01, 1), loc="upper left")
    _note(fig, rescued)
    return fig


@figure("residents_by_nationality", "Residents of a center by nationality", "kredtrakhan_residents_by_nationality")
def residents_grouped_bars(frames: Mapping[str, pd.DataFrame]) -> plt.Figure:
    residents = frames["kredtrakhan_residents_by_nationality"]
    totals = residents[residents["category"] == "total"]
    table = totals.pivot(index="nationality", columns="as_of", values="persons")
    table = table.loc[totals.drop_duplicates("nationality")["nationality"]]
    fig, ax = plt.subplots(figsize=(7, 4))
    width = 0.8 / len(table.columns)
    for i, as_of in enumerate(table.columns):
        positions = [x + i * width for x in range(len(table.index))]
        ax.bar(positions, table[as_of], width=width, label=f"{as_of:%b %Y}")
    ax.set_xticks([x + width * (len(table.columns) - 1) / 2 for x in range(len(table.index))], list(table.index))
    ax.set_xlabel("Nationality")
    ax.set_ylabel("Residents (persons)")
    ax.set_title(_described("kredtrakhan_residents_by_nationality"))
    ax.legend()
    _note(fig, totals)
    return fig


@figure("key_figures", "Key figures counting persons, by country", "key_figures")
def key_figures_by_country(frames: Mapping[str, pd.DataFrame]) -> plt.Figure:
    figures = frames["key_figures"]
    persons = figures[figures["unit"] == "persons"].assign(country=lambda f: f["iso3"].fillna("World/region"))
    persons = persons.sort_values(["country", "value"], kind="stable")
    fig, ax = plt.subplots(figsize=(8, 0.25 * len(persons) + 1.5))
    labels = [f"{row.country}: {row.label}" for row in persons.itertuples()]
    ax.barh(range(len(persons)), persons["value"], color="#4c72b0")
    ax.barh(range(len(persons)), (persons["value_max"] - persons["value"]).fillna(0), left=persons["value"],
            color="#a1c4e8", label="range printed (upper bound)")
    ax.set_yticks(range(len(persons)), labels, fontsize=6)
    ax.set_xscale("log")
    ax.set_xlim(1, 3 * persons[["value", "value_max"]].max().max())
    ax.set_xlabel("Persons (log scale)")
    ax.set_title("Key figures counting persons, by country")
    ax.legend(fontsize=7, loc="lower right")
    _note(fig, persons)
    return fig


def write(tables: Mapping[str, pa.Table], cite_as: Mapping[str, str], folder: Path) -> list[Path]:
    """Draw every figure for every document that has its datasets (`cite_as`: doc_id -> short citation); write
    `<name>-<doc_id>.png` and `.svg` atomically."""
    frames = {name: table.to_pandas() for name, table in tables.items()}
    written = []
    for name, (title, datasets, draw) in FIGURES.items():
        if not all(d in frames and len(frames[d]) for d in datasets):
            continue
        for doc_id in frames[datasets[0]]["doc_id"].drop_duplicates():
            of_document = {d: frames[d][frames[d]["doc_id"] == doc_id] for d in datasets}
            for frame in of_document.values():
                frame.attrs["cite_as"] = cite_as.get(doc_id, doc_id)
            fig = draw(of_document)
            for suffix, metadata in ((".png", _PNG_METADATA), (".svg", _SVG_METADATA)):
                target = folder / f"{name}-{doc_id}{suffix}"
                with replacing(target) as path:
                    fig.savefig(path, format=suffix[1:], dpi=120, metadata={**metadata, "Title": title})
                written.append(target)
            plt.close(fig)
    return written
