"""Every printable form of a page's QR code: SVG, PNG, a PDF plate, plates for an index page
and sheets of book labels.

Pure functions of their arguments: no request, no database. The admin views and the
``qr_print`` command both call these, so a plate downloaded from the editor and one printed in
bulk are the same drawing.
"""

from cms.qr.render.labels import MAX_COLUMNS, MAX_ROWS, check_grid, label_sheet_pdf, parse_grid
from cms.qr.render.plates import PLATE_PAPERS, plate_pdf, plates_pdf
from cms.qr.render.symbol import (
    PNG_MAX_SIZE,
    PNG_MIN_SIZE,
    PNG_SIZES,
    QUIET_ZONE,
    display_link,
    png_size,
    qr_matrix,
    qr_png,
    qr_svg,
)
from cms.qr.render.text import PAPERS, register_fonts

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "PAPERS",
    "PLATE_PAPERS",
    "PNG_MAX_SIZE",
    "PNG_MIN_SIZE",
    "PNG_SIZES",
    "QUIET_ZONE",
    "check_grid",
    "display_link",
    "label_sheet_pdf",
    "parse_grid",
    "plate_pdf",
    "plates_pdf",
    "png_size",
    "qr_matrix",
    "qr_png",
    "qr_svg",
    "register_fonts",
]
