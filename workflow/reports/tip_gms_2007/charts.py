"""This report's own charts (registered, and drawn, with the kit of tip_gms.publishing.drawing)."""

from __future__ import annotations

from collections.abc import Mapping

from tip_gms.publishing.drawing import (
    DARK,
    INK,
    LIGHT,
    MARGIN,
    MUTED,
    RULE,
    Canvas,
    Rows,
    dataset_title,
    figure,
    titled_canvas,
    values_in_order,
    width_of,
    with_source_note,
)
from tip_gms.publishing.templating import number


@figure("residents_by_nationality", "Residents of a center by nationality", "kredtrakhan_residents_by_nationality")
def residents_by_nationality(frames: Mapping[str, Rows], cite: str) -> Canvas:
    totals = [row for row in frames["kredtrakhan_residents_by_nationality"] if row["category"] == "total"]
    months, nationalities = sorted(values_in_order(totals, "as_of")), values_in_order(totals, "nationality")
    persons = {(row["nationality"], row["as_of"]): row["persons"] for row in totals}
    shades = dict(zip(months, [DARK, LIGHT, MUTED, RULE], strict=False))
    group_w, plot_h = 40 * len(months) + 40, 220
    canvas, top = titled_canvas(max(2 * MARGIN + 50 + group_w * len(nationalities), 560),
                          dataset_title("kredtrakhan_residents_by_nationality"))
    x = MARGIN
    for month, colour in shades.items():
        canvas.rect(x, top, 16, 12, colour)
        canvas.text(x + 22, top + 11, f"{month:%b %Y}", 11)
        x += 22 + width_of(f"{month:%b %Y}", 11) + 16
    canvas.text(canvas.width - MARGIN, top + 11, "Residents (persons)", 11, MUTED, "end")
    base, largest = top + 30 + plot_h, max(persons.values())
    canvas.line(MARGIN, base, canvas.width - 2 * MARGIN, 0, INK)
    for i, nationality in enumerate(nationalities):
        x = MARGIN + 50 + i * group_w
        for k, (month, colour) in enumerate(shades.items()):
            if (value := persons.get((nationality, month))) is None:
                continue
            height = plot_h * value / largest
            canvas.rect(x + k * 40, base - height, 36, height, colour)
            canvas.text(x + k * 40 + 18, base - height - 4, number(value), 11, anchor="middle")
        canvas.text(x + 20 * len(shades) - 2, base + 16, nationality, 12, anchor="middle")
    return with_source_note(canvas, base + 22, cite, totals)
