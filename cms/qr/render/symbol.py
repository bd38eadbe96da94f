"""The code itself: encoding, its dark modules as merged rectangles, SVG, PNG, a PDF path.

The dark modules are merged into rectangles (runs along a row, stacked while the next row has
the same run) and drawn as one vector path per code, in module units under a scaling
transform. One path leaves no hairline seams between modules when a viewer anti-aliases, and
the path is built once per URL and reused, so a 2,000-label sheet spends its time encoding
codes, not formatting coordinates.
"""

import functools
import io
import math
from xml.sax.saxutils import escape

import segno
from django.utils.translation import gettext as _
from PIL import Image
from reportlab.pdfgen.pathobject import PDFPathObject

# Modules of white around a code, as the QR standard asks.
QUIET_ZONE = 4
PNG_SIZES = {"screen": 512, "print": 2048}
PNG_MIN_SIZE, PNG_MAX_SIZE = 128, 4096
# How many encoded codes stay in memory: a whole large library, so the plate and PNG of a
# page, or a label sheet printed twice, encode each code once.
CODE_CACHE_SIZE = 4096


@functools.lru_cache(maxsize=CODE_CACHE_SIZE)
def qr_matrix(url):
    """The segno QR code for ``url``: error correction M at least (raised when it costs no
    extra size), never a Micro QR, which phone cameras do not read."""
    if not url or not isinstance(url, str):
        raise ValueError("A QR code needs a non-empty URL.")
    return segno.make_qr(url, error="m", boost_error=True)


@functools.lru_cache(maxsize=CODE_CACHE_SIZE)
def dark_rects(url):
    """The dark modules as few rectangles: (x, y, width, height) in modules from the top left
    corner of the symbol, quiet zone excluded."""
    matrix = qr_matrix(url).matrix
    growing = {}  # (x, width) of a run -> [x, y, width, height] still growing downwards
    rects = []
    for y, row in enumerate(matrix):
        runs = set()
        x, size = 0, len(row)
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.add((start, x - start))
            x += 1
        for run in [run for run in growing if run not in runs]:
            rects.append(tuple(growing.pop(run)))
        for run in runs:
            if run in growing:
                growing[run][3] += 1
            else:
                growing[run] = [run[0], y, run[1], 1]
    rects.extend(tuple(rect) for rect in growing.values())
    rects.sort(key=lambda rect: (rect[1], rect[0]))
    return tuple(rects)


def symbol_size(url):
    return len(qr_matrix(url).matrix)


@functools.lru_cache(maxsize=CODE_CACHE_SIZE)
def pdf_path(url):
    """A reportlab path of the dark modules in module units, PDF's y axis pointing up, with
    the quiet zone around it: the whole symbol spans 0..size + 2 * QUIET_ZONE."""
    size = symbol_size(url)
    # Whole numbers of modules, written directly: reportlab's float formatting (pure Python
    # without its C accelerator) would otherwise take a third of a 1,500-label sheet's time.
    return PDFPathObject(
        code=[
            f"{x + QUIET_ZONE} {size + QUIET_ZONE - y - height} {width} {height} re"
            for x, y, width, height in dark_rects(url)
        ]
    )


def draw_qr(canvas, url, x, y, side):
    """Draw the code with its quiet zone in the square of ``side`` points at (x, y)."""
    module = side / (symbol_size(url) + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(module, module)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(pdf_path(url), stroke=0, fill=1)
    canvas.restoreState()


def display_link(url):
    """The link as printed under a code: no scheme, no trailing slash ("sohoa.vn/q/7KX2P")."""
    for scheme in ("https://", "http://"):
        if url.lower().startswith(scheme):
            url = url[len(scheme) :]
            break
    return url.rstrip("/")


def qr_svg(url):
    """A standalone SVG of the code: black on white, quiet zone of 4 modules, scalable
    (viewBox in modules), the URL as its <title>. Returns UTF-8 bytes."""
    total = symbol_size(url) + 2 * QUIET_ZONE
    path = "".join(
        f"M{x + QUIET_ZONE} {y + QUIET_ZONE}h{width}v{height}h-{width}z"
        for x, y, width, height in dark_rects(url)
    )
    # width/height give programs that want a size a sensible default (10 px per module);
    # the viewBox lets every other use scale it freely.
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {total}" '
        f'width="{total * 10}" height="{total * 10}" shape-rendering="crispEdges">'
        f"<title>{escape(url)}</title>"
        f'<rect width="{total}" height="{total}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>\n'
    )
    return svg.encode("utf-8")


def png_size(size):
    """The pixel width asked for: a name from PNG_SIZES or an int from 128 to 4096."""
    if isinstance(size, str) and size in PNG_SIZES:
        return PNG_SIZES[size]
    if (
        isinstance(size, int)
        and not isinstance(size, bool)
        and PNG_MIN_SIZE <= size <= PNG_MAX_SIZE
    ):
        return size
    raise ValueError(
        _("A PNG size is %(names)s or a width from %(min)s to %(max)s pixels, not “%(size)s”.")
        % {"names": ", ".join(PNG_SIZES), "min": PNG_MIN_SIZE, "max": PNG_MAX_SIZE, "size": size}
    )


def qr_png(url, size_px):
    """A 1-bit PNG of the code, quiet zone of 4 modules, at least ``size_px`` wide: every
    module is the same whole number of pixels, so edges stay sharp at any print size.
    ``size_px`` is a PNG_SIZES name ("screen", "print") or an int from 128 to 4096."""
    size_px = png_size(size_px)
    matrix = qr_matrix(url).matrix
    total = len(matrix) + 2 * QUIET_ZONE
    pixels = bytearray(b"\xff" * total * total)
    for y, row in enumerate(matrix):
        start = (y + QUIET_ZONE) * total + QUIET_ZONE
        pixels[start : start + len(row)] = bytes(0 if dark else 255 for dark in row)
    scale = math.ceil(size_px / total)
    image = Image.frombytes("L", (total, total), bytes(pixels))
    image = image.resize((total * scale, total * scale), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.convert("1", dither=Image.Dither.NONE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
