"""Label sheets: a grid of small labels per page, for the spines of a library's books."""

import io

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from cms.qr.render.symbol import display_link, draw_qr
from cms.qr.render.text import (
    BOLD_FONT,
    FONT,
    LEADING,
    PAPERS,
    baseline,
    clean,
    cut,
    field,
    length_or_none,
    new_canvas,
    page_size,
    report,
    width_of,
    wrap,
)

MAX_COLUMNS, MAX_ROWS = 6, 14
LABEL_SHEET_MARGIN = 10 * mm
# Text sizes for a label 34.6 mm tall (3×8 on A4); other grids scale them.
REFERENCE_LABEL_HEIGHT = (A4[1] - 2 * LABEL_SHEET_MARGIN) / 8
LABEL_LINES = (  # name, font, size, lines; the last ones go first when a label is short
    ("title", FONT, 8, 2),
    ("code", BOLD_FONT, 10, 1),
    ("call_number", FONT, 8, 1),
    ("link", FONT, 6.5, 1),
    ("unit", FONT, 6, 1),
)
MIN_LABEL_TEXT = 4.5


def parse_grid(grid):
    """(columns, rows) from "3x8" (or "3×8"); ValueError unless 1–6 columns and 1–14 rows."""
    try:
        columns, rows = (int(part) for part in str(grid).lower().replace("×", "x").split("x"))
    except ValueError:
        raise ValueError(
            _("Write the label grid as columns x rows, such as 3x8, not “%(grid)s”.")
            % {"grid": grid}
        ) from None
    check_grid(columns, rows)
    return columns, rows


def check_grid(columns, rows):
    """ValueError unless 1–6 columns and 1–14 rows."""
    if not (1 <= columns <= MAX_COLUMNS and 1 <= rows <= MAX_ROWS):
        raise ValueError(
            _(
                "A label sheet has 1 to %(max_columns)s columns and 1 to %(max_rows)s rows, "
                "not %(columns)s×%(rows)s."
            )
            % {"max_columns": MAX_COLUMNS, "max_rows": MAX_ROWS, "columns": columns, "rows": rows}
        )


def _lines_height(lines):
    return sum(size * LEADING * count for _name, _font, size, count in lines)


class _LabelLayout:
    """Where things go in a label: the same for every cell of a sheet, so computed once."""

    def __init__(self, cell_width, cell_height, with_unit):
        self.cell_height = cell_height
        self.padding = min(1.5 * mm, cell_height * 0.05)
        self.side = min(cell_height - 2 * self.padding, cell_width * 0.45)
        self.text_left = self.padding + self.side + 0.5 * mm
        self.text_width = cell_width - self.text_left - self.padding
        available = cell_height - 2 * self.padding
        scale = min(1.6, cell_height / REFERENCE_LABEL_HEIGHT, self.text_width / (30 * mm))
        lines = [line for line in LABEL_LINES if with_unit or line[0] != "unit"]
        # Drop the least needed lines (unit, link) before making the text too small to read.
        while len(lines) > 3 and _lines_height(lines) * scale > available:
            lines.pop()
        scale = min(scale, available / _lines_height(lines))
        self.lines = [
            (name, font, max(size * scale, MIN_LABEL_TEXT), count)
            for name, font, size, count in lines
        ]


def _draw_label(canvas, layout, x, y, label, unit_name):
    url = field(label, "url")
    qr_y = y + (layout.cell_height - layout.side) / 2
    draw_qr(canvas, url, x + layout.padding, qr_y, layout.side)
    values = {
        "title": clean(field(label, "title")),
        "code": clean(field(label, "code")),
        "call_number": clean(field(label, "call_number")),
        "link": display_link(url),
        "unit": unit_name,
    }
    blocks = []
    for name, font, size, count in layout.lines:
        text, width = values[name], layout.text_width
        if name == "link" and width_of(text, font, size) > width:
            continue  # half a link is no use to someone typing it
        if text:
            lines = (
                wrap(text, font, size, width, count)[0]
                if count > 1
                else [cut(text, font, size, width)]
            )
            blocks.append((font, size, lines))
    # The text block is centred beside the code, whatever lines this label has.
    text_height = sum(size * LEADING * len(lines) for _font, size, lines in blocks)
    line_top = y + (layout.cell_height + text_height) / 2
    text_x = x + layout.text_left
    for font, size, lines in blocks:
        canvas.setFont(font, size)
        for line in lines:
            line_top -= size * LEADING
            canvas.drawString(text_x, baseline(line_top, size), line)


def label_sheet_pdf(
    labels, *, unit_name=None, columns=3, rows=8, paper="A4", progress=None, output=None
):
    """Sheets of labels, ``columns`` × ``rows`` per page (1–6 × 1–14) on A4 or A5 portrait.

    Each of ``labels`` (dicts or objects with ``url``, ``title``, ``code``, ``call_number``)
    gets a vector QR code on the left, as tall as the label allows, and beside it the title
    (up to two lines, cut with an ellipsis), the book code in bold, the call number, the short
    link and, when there is room, ``unit_name``. Faint dashed lines show where to cut.

    ``labels`` may be any iterable, such as a lazy query; ``progress(done, total)`` is called
    after each label (``total`` is None when ``labels`` has no length). With ``output`` (a
    binary file) the PDF is written there and None returned; otherwise the bytes are returned.
    """
    check_grid(columns, rows)
    page_width, page_height = page_size(paper, tuple(PAPERS))
    cell_width = (page_width - 2 * LABEL_SHEET_MARGIN) / columns
    cell_height = (page_height - 2 * LABEL_SHEET_MARGIN) / rows
    unit = clean(unit_name)
    layout = _LabelLayout(cell_width, cell_height, bool(unit))
    per_page = columns * rows
    total = length_or_none(labels)

    out = output if output is not None else io.BytesIO()
    canvas = new_canvas(out, (page_width, page_height), title=unit or "QR", author=unit)
    done = 0
    for label in labels:
        position = done % per_page
        if position == 0:
            if done:
                canvas.showPage()
            _draw_cut_guides(canvas, columns, rows, cell_width, cell_height, page_height)
        column, row = position % columns, position // columns
        x = LABEL_SHEET_MARGIN + column * cell_width
        y = page_height - LABEL_SHEET_MARGIN - (row + 1) * cell_height
        _draw_label(canvas, layout, x, y, label, unit)
        done += 1
        report(progress, done, total)
    if not done:
        raise ValueError(_("Nothing to print: there are no labels."))
    canvas.showPage()
    canvas.save()
    return None if output is not None else out.getvalue()


def _draw_cut_guides(canvas, columns, rows, cell_width, cell_height, page_height):
    canvas.saveState()
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 2)
    left, top = LABEL_SHEET_MARGIN, page_height - LABEL_SHEET_MARGIN
    right, bottom = left + columns * cell_width, top - rows * cell_height
    for column in range(columns + 1):
        canvas.line(left + column * cell_width, bottom, left + column * cell_width, top)
    for row in range(rows + 1):
        canvas.line(left, top - row * cell_height, right, top - row * cell_height)
    canvas.restoreState()
