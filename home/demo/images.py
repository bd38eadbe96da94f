"""Placeholder pictures drawn locally with Pillow: no downloads, no licensing questions.

Each picture is a colour gradient with the page title written in DejaVu Sans (which has every
Vietnamese glyph), so a reader can tell at a glance that it is a sample, not a photograph.
"""

import hashlib
import io
from functools import lru_cache

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = settings.NODE_MODULES / "dejavu-fonts-ttf" / "ttf" / "DejaVuSans.ttf"
BOLD_FONT_PATH = settings.NODE_MODULES / "dejavu-fonts-ttf" / "ttf" / "DejaVuSans-Bold.ttf"

CARD_SIZE = (1200, 800)
COVER_SIZE = (400, 600)

# Calm, high-contrast pairs (white text stays readable on both ends of each gradient).
PALETTES = [
    ((183, 28, 28), (74, 20, 140)),
    ((13, 71, 161), (0, 96, 100)),
    ((27, 94, 32), (0, 77, 64)),
    ((230, 81, 0), (183, 28, 28)),
    ((74, 20, 140), (13, 71, 161)),
    ((62, 39, 35), (191, 54, 12)),
    ((0, 77, 64), (27, 94, 32)),
    ((49, 27, 146), (136, 14, 79)),
]


@lru_cache(maxsize=8)
def _font(size, bold=False):
    return ImageFont.truetype(str(BOLD_FONT_PATH if bold else FONT_PATH), size)


def _palette(key):
    digest = hashlib.sha1(key.encode()).digest()
    return PALETTES[digest[0] % len(PALETTES)]


def _gradient(size, start, end):
    # A 2x2 image stretched with bilinear resampling: a smooth diagonal gradient in one call.
    seed = Image.new("RGB", (2, 2))
    seed.putdata([start, start, end, end])
    return seed.resize(size, Image.Resampling.BILINEAR)


def _wrap(text, font, max_width, max_lines):
    """Lines of ``text`` that fit ``max_width`` pixels, measured with the real glyph widths."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines[:max_lines]


def _draw_lines(draw, lines, font, x, y, spacing):
    for line in lines:
        draw.text((x, y), line, font=font, fill=(255, 255, 255))
        y += font.size + spacing
    return y


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def card_jpeg(title, subtitle, label):
    """A 1200x800 JPEG card: the page title, a subtitle and a small 'sample' label."""
    start, end = _palette(title)
    image = _gradient(CARD_SIZE, start, end)
    draw = ImageDraw.Draw(image)
    margin = 80
    draw.text((margin, margin), label.upper(), font=_font(30), fill=(255, 255, 255))
    width = CARD_SIZE[0] - 2 * margin
    title_font, subtitle_font = _font(68, bold=True), _font(34)
    y = _draw_lines(draw, _wrap(title, title_font, width, 4), title_font, margin, 250, 16)
    if subtitle:
        lines = _wrap(subtitle, subtitle_font, width, 2)
        _draw_lines(draw, lines, subtitle_font, margin, y + 30, 10)
    draw.rectangle((margin, CARD_SIZE[1] - 110, margin + 160, CARD_SIZE[1] - 100), fill="white")
    return _jpeg(image)


def cover_jpeg(title, authors, label):
    """A 400x600 JPEG book cover with title and authors."""
    start, end = _palette(title + authors)
    image = _gradient(COVER_SIZE, start, end)
    draw = ImageDraw.Draw(image)
    margin = 32
    draw.rectangle((margin, margin, COVER_SIZE[0] - margin, margin + 6), fill="white")
    width = COVER_SIZE[0] - 2 * margin
    title_font, author_font = _font(36, bold=True), _font(22)
    y = _draw_lines(draw, _wrap(title, title_font, width, 7), title_font, margin, 90, 8)
    _draw_lines(draw, _wrap(authors, author_font, width, 2), author_font, margin, y + 30, 6)
    draw.text((margin, COVER_SIZE[1] - 60), label, font=_font(18), fill=(255, 255, 255))
    return _jpeg(image)
