"""Small PDF e-books generated at load time with reportlab.

reportlab's built-in fonts have no Vietnamese glyphs, so DejaVu Sans (an npm dependency) is
registered as a TrueType font and embedded in every file.
"""

import io
from functools import lru_cache

from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from home.demo.images import BOLD_FONT_PATH, FONT_PATH


@lru_cache(maxsize=1)
def _register_fonts():
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_PATH)))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(BOLD_FONT_PATH)))
    return True


def ebook_pdf(heading, author, paragraphs, title):
    """The bytes of a short A5 PDF: a heading, an author line and paragraphs (blank = gap)."""
    _register_fonts()
    heading_style = ParagraphStyle("heading", fontName="DejaVuSans-Bold", fontSize=18, leading=24)
    author_style = ParagraphStyle("author", fontName="DejaVuSans", fontSize=11, leading=16)
    body_style = ParagraphStyle("body", fontName="DejaVuSans", fontSize=12, leading=18)
    story = [Paragraph(heading, heading_style), Paragraph(author, author_style), Spacer(1, 8 * mm)]
    for text in paragraphs:
        story.append(Paragraph(text, body_style) if text else Spacer(1, 5 * mm))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        title=title,
        author=author,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        invariant=True,
    )
    document.build(story)
    return buffer.getvalue()
