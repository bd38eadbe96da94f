"""Reading QR codes back as a phone would: a real decoder on rasterised output."""

import io

import pypdfium2 as pdfium
import resvg_py
import zxingcpp
from PIL import Image


def decoded(image):
    """The texts of every QR code zxing finds in a PIL image."""
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"))]


def decoded_png(png_bytes):
    return decoded(Image.open(io.BytesIO(png_bytes)))


def decoded_svg(svg_bytes, width=600):
    png = resvg_py.svg_to_bytes(svg_string=svg_bytes.decode(), width=width, background="white")
    return decoded_png(bytes(png))


def pdf_pages(pdf_bytes, dpi=200):
    """Each page of a PDF as (image, text, (width, height) in points)."""
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        pages = []
        for page in document:
            text = page.get_textpage().get_text_range()
            pages.append((page.render(scale=dpi / 72).to_pil(), text, page.get_size()))
        return pages
    finally:
        document.close()


def decoded_pdf(pdf_bytes, dpi=200):
    """Every QR text on every page of a PDF, page by page."""
    return [decoded(image) for image, _text, _size in pdf_pages(pdf_bytes, dpi)]
