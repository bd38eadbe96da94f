"""Plates: one page per code, big enough to read across a street or a school gate."""

import io

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from cms.qr.render.symbol import display_link, draw_qr
from cms.qr.render.text import (
    BOLD_FONT,
    FONT,
    LEADING,
    centred_lines,
    clean,
    field,
    fit,
    length_or_none,
    new_canvas,
    page_size,
    report,
    wrap,
)

PLATE_PAPERS = ("A4", "A5")
PLATE_MARGIN = 15 * mm


def _draw_plate(canvas, pagesize, *, url, title, unit_name):
    """One plate filling the page: unit, title, code, short link, how to use it."""
    page_width, page_height = pagesize
    k = page_width / A5[0]  # A4 is the same drawing √2 larger
    left, right = PLATE_MARGIN, page_width - PLATE_MARGIN
    bottom, top = PLATE_MARGIN, page_height - PLATE_MARGIN
    width, centre = right - left, page_width / 2
    content_height = top - bottom

    y = top
    unit = clean(unit_name)
    if unit:
        size, lines = fit(unit, BOLD_FONT, width, 40 * k, 14 * k, 9 * k, max_lines=2)
        y = centred_lines(canvas, lines, BOLD_FONT, size, centre, y)
        y -= 3 * mm * k
        canvas.setStrokeColorRGB(0.3, 0.3, 0.3)
        canvas.setLineWidth(0.8 * k)
        canvas.line(left + width / 4, y, right - width / 4, y)
        y -= 5 * mm * k

    title = clean(title)
    if title:
        size, lines = fit(title, BOLD_FONT, width, content_height * 0.27, 30 * k, 13 * k)
        y = centred_lines(canvas, lines, BOLD_FONT, size, centre, y)

    link = display_link(url)
    link_size, _lines = fit(link, BOLD_FONT, width, 40 * k, 26 * k, 9 * k, max_lines=1)
    link_lines = wrap(link, BOLD_FONT, link_size, width, 2)[0]
    caption = clean(_("Scan the code to read"))
    caption_size = 13 * k
    below_qr = len(link_lines) * link_size * LEADING + 2 * mm * k + caption_size * LEADING

    # The code takes every point left between the title and the link, up to the full width.
    space = y - (bottom + below_qr)
    side = max(0, min(width, space))
    qr_bottom = bottom + below_qr + (space - side) / 2
    draw_qr(canvas, url, centre - side / 2, qr_bottom, side)

    y = centred_lines(canvas, link_lines, BOLD_FONT, link_size, centre, qr_bottom)
    canvas.setFillColorRGB(0.2, 0.2, 0.2)
    centred_lines(canvas, [caption], FONT, caption_size, centre, y - 2 * mm * k)
    canvas.setFillColorRGB(0, 0, 0)


def plates_pdf(items, *, unit_name, paper="A5", progress=None):
    """A PDF with one plate per page for each item (a dict or object with ``url``, ``title``
    and ``code``): for the children of an index page (streets, heritage sites, offices,
    schools). ``paper`` is "A5" or "A4", portrait. ``progress(done, total)`` is called after
    each plate (``total`` is None when ``items`` has no length). Returns the PDF bytes."""
    pagesize = page_size(paper, PLATE_PAPERS)
    total = length_or_none(items)
    buffer = io.BytesIO()
    canvas = None
    for done, item in enumerate(items, 1):
        url, title = field(item, "url"), clean(field(item, "title"))
        if canvas is None:
            canvas = new_canvas(buffer, pagesize, title=title, author=clean(unit_name), subject=url)
        _draw_plate(canvas, pagesize, url=url, title=title, unit_name=unit_name)
        canvas.showPage()
        report(progress, done, total)
    if canvas is None:
        raise ValueError(_("Nothing to print: there are no plates."))
    canvas.save()
    return buffer.getvalue()


def plate_pdf(*, url, title, unit_name, code, paper="A5"):
    """A print-ready plate for one page, A5 or A4 portrait: the unit's name, the page title
    (wrapped and shrunk to fit), a large vector QR code, the short link written out and how to
    use it, with margins of 15 mm for any printer. Returns the PDF bytes."""
    return plates_pdf(
        [{"url": url, "title": title, "code": code}], unit_name=unit_name, paper=paper
    )
