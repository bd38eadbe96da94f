"""Vietnamese text on a PDF page (the font, measuring, wrapping, cutting, shrinking to fit)
and the few document helpers plates and labels share.

reportlab's built-in fonts have no Vietnamese glyphs, so text is set in DejaVu Sans (an npm
dependency; its licence is node_modules/dejavu-fonts-ttf/LICENSE). reportlab does no shaping
either, so text is NFC-normalised to use the font's precomposed letters ("ệ" as one glyph,
not "e" and two combining marks drawn on top of each other).
"""

import bisect
import functools
import re
import unicodedata
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAPERS = {"A4": A4, "A5": A5}
FONT, BOLD_FONT = "SohoaSans", "SohoaSans-Bold"
ELLIPSIS = "…"
LEADING = 1.2  # line height, in font sizes


def font_dir():
    return Path(settings.NODE_MODULES) / "dejavu-fonts-ttf" / "ttf"


@functools.cache
def register_fonts():
    """Register DejaVu Sans (regular and bold) with reportlab, once per process."""
    for name, filename in ((FONT, "DejaVuSans.ttf"), (BOLD_FONT, "DejaVuSans-Bold.ttf")):
        path = font_dir() / filename
        if not path.exists():
            raise FileNotFoundError(
                f"{path} is missing: install the front-end packages with `npm ci` (make setup)."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))


def clean(text):
    """NFC, single spaces: reportlab draws one glyph per character, with no mark placement."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def width_of(text, font, size):
    return pdfmetrics.stringWidth(text, font, size)


def longest_start(text, font, size, width):
    """How many characters from the start of ``text`` fit in ``width``."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width_of(text[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def cut(text, font, size, width):
    """``text`` if it fits, else its longest start that fits with an ellipsis, cut after a
    whole word when that keeps at least half the width used, else between letters."""
    if width_of(text, font, size) <= width:
        return text
    prefix = text[: longest_start(text, font, size, width - width_of(ELLIPSIS, font, size))]
    if " " in prefix:
        at_word = prefix.rsplit(" ", 1)[0]
        if width_of(at_word, font, size) >= width / 2:
            prefix = at_word
    return prefix.rstrip(" ,;:-–") + ELLIPSIS


def wrap(text, font, size, width, max_lines):
    """Lines of ``text`` (already _clean) within ``width``, broken between words.

    Returns (lines, clean): ``clean`` is False when a word had to be split or the last line
    cut with an ellipsis to stay within ``max_lines``.
    """
    breaks = [match.start() for match in re.finditer(" ", text)] + [len(text)]
    lines, clean, start = [], True, 0
    while start < len(text):
        if len(lines) == max_lines - 1:
            rest = text[start:]
            lines.append(cut(rest, font, size, width))
            return lines, clean and lines[-1] == rest
        end = None
        for candidate in breaks[bisect.bisect_right(breaks, start) :]:
            if width_of(text[start:candidate], font, size) > width:
                break
            end = candidate
        if end is None:  # a word wider than the line: split it between letters
            clean = False
            word_end = breaks[bisect.bisect_right(breaks, start)]
            end = start + max(1, longest_start(text[start:word_end], font, size, width))
            lines.append(text[start:end])
            start = end
        else:
            lines.append(text[start:end])
            start = end + 1
    return lines, clean


def fit(text, font, width, height, largest, smallest, max_lines=None):
    """The largest font size from ``largest`` down to ``smallest`` at which ``text`` wraps
    within ``width`` × ``height`` without splitting a word, in lines of even length; failing
    that, ``smallest`` with whatever splitting or cutting it takes. Returns (size, lines)."""
    size = largest
    while True:
        lines_allowed = max(1, int(height // (size * LEADING)))
        if max_lines:
            lines_allowed = min(lines_allowed, max_lines)
        lines, clean = wrap(text, font, size, width, lines_allowed)
        if clean:
            return size, balanced(text, font, size, width, lines)
        if size <= smallest:
            return size, lines
        size = max(smallest, size - 1)


def balanced(text, font, size, width, lines):
    """The same number of lines, as even as possible: no lone last word under a long line."""
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    while high - low > 1:
        middle = (low + high) / 2
        candidate, clean = wrap(text, font, size, middle, len(lines))
        if clean and len(candidate) == len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, font, size, high, len(lines))[0]


def baseline(line_bottom, size):
    # DejaVu Sans descends about 0.24 em below the baseline; half the leading sits below.
    return line_bottom + size * ((LEADING - 1) / 2 + 0.24)


def centred_lines(canvas, lines, font, size, centre_x, top):
    """Draw ``lines`` centred on ``centre_x`` from ``top`` down; returns the y below them."""
    canvas.setFont(font, size)
    for line in lines:
        top -= size * LEADING
        canvas.drawCentredString(centre_x, baseline(top, size), line)
    return top


def field(item, name):
    value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
    return "" if value is None else value


def new_canvas(out, pagesize, *, title, author, subject=""):
    register_fonts()
    canvas = Canvas(out, pagesize=pagesize, pageCompression=1, invariant=True)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("Sohoa")
    return canvas


def page_size(paper, allowed):
    if paper not in allowed:
        raise ValueError(
            _("The paper size is %(allowed)s, not “%(paper)s”.")
            % {"allowed": ", ".join(allowed), "paper": paper}
        )
    return PAPERS[paper]


def report(progress, done, total):
    if progress is not None:
        progress(done, total)


def length_or_none(iterable):
    try:
        return len(iterable)
    except TypeError:
        return None
