"""An e-book is accepted for what its bytes are, not for what its name says."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from reportlab.pdfgen import canvas

from cms.tests.factories import DocumentFactory
from library.tests.factories import BookPageFactory, LibraryPageFactory
from library.validators import validate_ebook_document

pytestmark = pytest.mark.django_db


def tiny_pdf():
    """A real one-page PDF, as a phone's PDF reader would open it."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "De Men phieu luu ky")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def minimal_epub():
    """The smallest EPUB a reader accepts: `mimetype` first and stored, then the package."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as epub:
        epub.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED
        )
        epub.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
        epub.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
            'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:identifier id="id">sohoa-test</dc:identifier><dc:title>Dế Mèn</dc:title>'
            "<dc:language>vi</dc:language></metadata><manifest>"
            '<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>'
            '<spine><itemref idref="c1"/></spine></package>',
            compress_type=zipfile.ZIP_DEFLATED,
        )
        epub.writestr(
            "OEBPS/c1.xhtml",
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Tôi sống độc lập từ thuở bé.</p>'
            "</body></html>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return buffer.getvalue()


def a_docx_like_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def document(content, name, title="Dế Mèn phiêu lưu ký"):
    return DocumentFactory(title=title, file=ContentFile(content, name=name))


def vietnamese_error(value):
    with pytest.raises(ValidationError) as raised:
        validate_ebook_document(value)
    with translation.override("vi"):
        return " ".join(raised.value.messages)


def test_the_test_files_are_what_they_claim():
    # Guards the fixtures themselves, so an acceptance below means something.
    assert tiny_pdf().startswith(b"%PDF-") and tiny_pdf().rstrip().endswith(b"%%EOF")
    with zipfile.ZipFile(io.BytesIO(minimal_epub())) as epub:
        first = epub.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


@pytest.mark.parametrize(
    "content, name",
    [(tiny_pdf(), "de-men.pdf"), (minimal_epub(), "de-men.epub"), (tiny_pdf(), "de-men.bin")],
    ids=["pdf", "epub", "pdf-with-odd-name"],
)
def test_a_real_pdf_or_epub_is_accepted_whatever_its_name(content, name):
    doc = document(content, name)
    validate_ebook_document(doc)
    validate_ebook_document(doc.pk)  # what a model field's validator receives


@pytest.mark.parametrize(
    "content, name",
    [
        (b"Day chi la mot tep van ban, khong phai PDF.\n", "sach.pdf"),
        (b"PK\x03\x04 not really a zip", "sach.epub"),
        (a_docx_like_zip(), "sach.epub"),
        (b"", "rong.pdf"),
        (b"<html><body>%PDF-1.4</body></html>", "trang.pdf"),
    ],
    ids=["text-named-pdf", "zip-magic-only", "docx-named-epub", "empty", "html-mentioning-pdf"],
)
def test_a_file_that_is_not_really_pdf_or_epub_is_refused_in_vietnamese(content, name):
    doc = document(content, name, title="Sách giả")
    message = vietnamese_error(doc)
    assert "Sách giả" in message
    assert "PDF" in message and "EPUB" in message
    assert "không phải" in message


def test_an_ebook_over_the_size_limit_is_refused_in_vietnamese(settings):
    settings.SOHOA_EBOOK_MAX_MB = 1 / 1024  # 1 KB
    doc = document(tiny_pdf() + b"\n%" + b"x" * 2048, "lon.pdf", title="Sách quá lớn")
    message = vietnamese_error(doc)
    assert "Sách quá lớn" in message
    assert "quá lớn" in message.replace("Sách quá lớn", "")


def test_a_missing_file_is_refused_in_vietnamese():
    doc = document(tiny_pdf(), "mat.pdf", title="Tệp đã mất")
    doc.file.delete(save=False)
    message = vietnamese_error(doc)
    assert "Tệp đã mất" in message
    assert "tải tệp lên lại" in message


def test_a_book_page_with_a_fake_ebook_does_not_pass_model_validation(home_page):
    library = LibraryPageFactory(parent=home_page)
    book = BookPageFactory(parent=library)
    book.ebook = document(b"plain text", "sach.pdf", title="Sách giả")
    with pytest.raises(ValidationError) as raised:
        book.full_clean()
    assert "ebook" in raised.value.message_dict
    book.ebook = document(tiny_pdf(), "that.pdf")
    book.full_clean()
