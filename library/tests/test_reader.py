"""The e-book of a book page: served in byte ranges to the reader, checked when uploaded."""

import io
import os
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import translation
from PIL import Image
from reportlab.lib.pagesizes import A5
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.tests.factories import DocumentFactory
from cms.tests.html import page_html, visible_text
from library import views
from library.models import BookPage
from library.tests.factories import BookPageFactory, LibraryPageFactory
from library.validators import validate_ebook_document

pytestmark = pytest.mark.django_db


def multi_page_pdf(pages=3, noise_bytes_per_page=0):
    """A real A5 PDF whose pages say "Trang 1", "Trang 2"… in large type.

    With noise_bytes_per_page, each page also carries an image of random pixels, which no
    compression shrinks: a file large enough for PDF.js to read it in byte ranges.
    """
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A5)
    width, height = A5
    side = int((noise_bytes_per_page / 3) ** 0.5)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 48)
        pdf.drawCentredString(width / 2, height - 120, f"Trang {number}")
        pdf.setFont("Helvetica", 14)
        pdf.drawCentredString(width / 2, height - 160, f"De Men phieu luu ky - trang {number}")
        if side:
            noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
            pdf.drawImage(ImageReader(noise), 60, 60, width - 120, width - 120)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


CONTAINER_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    '<rootfiles><rootfile full-path="OEBPS/content.opf" '
    'media-type="application/oebps-package+xml"/></rootfiles></container>'
)


def xhtml(title, paragraphs):
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">'
        f"<head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    )


def epub_book(chapters):
    """A valid EPUB 3: `mimetype` stored first, container, package, navigation, one XHTML file
    per (title, paragraphs) chapter."""
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
    ]
    spine, nav_items = [], []
    files = {}
    for number, (title, paragraphs) in enumerate(chapters, start=1):
        name = f"chuong-{number}.xhtml"
        files[f"OEBPS/{name}"] = xhtml(title, paragraphs)
        manifest.append(f'<item id="c{number}" href="{name}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="c{number}"/>')
        nav_items.append(f'<li><a href="{name}">{title}</a></li>')
    files["OEBPS/nav.xhtml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        '<head><title>Mục lục</title></head><body><nav epub:type="toc"><ol>'
        f"{''.join(nav_items)}</ol></nav></body></html>"
    )
    files["OEBPS/content.opf"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:identifier id="id">urn:uuid:5f1c7a52-8d0e-4d0c-9a55-000000000001</dc:identifier>'
        "<dc:title>Dế Mèn phiêu lưu ký</dc:title><dc:language>vi</dc:language>"
        '<meta property="dcterms:modified">2024-01-01T00:00:00Z</meta></metadata>'
        f"<manifest>{''.join(manifest)}</manifest><spine>{''.join(spine)}</spine></package>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as epub:
        epub.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED
        )
        epub.writestr("META-INF/container.xml", CONTAINER_XML, compress_type=zipfile.ZIP_DEFLATED)
        for name, content in files.items():
            epub.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def two_chapter_epub():
    return epub_book(
        [
            ("Chương một", ["Tôi sống độc lập từ thuở bé."]),
            ("Chương hai", [f"Đoạn {n}: Dế Mèn đi phiêu lưu khắp nơi." for n in range(1, 80)]),
        ]
    )


# A Windows program as a volunteer might rename it: the DOS header, the PE offset, the stub.
RENAMED_EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + b"\x80\x00\x00\x00"
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + b"\x00" * 200
)


def ebook_document(content, name, title="Dế Mèn phiêu lưu ký", **kwargs):
    return DocumentFactory(title=title, file=ContentFile(content, name=name), **kwargs)


def book_with_unchecked_file(library, content, name):
    """A book whose file was attached before uploads were checked, or replaced since: saving
    through the page form would refuse it, so it is attached behind the form's back."""
    book = BookPageFactory(parent=library)
    BookPage.objects.filter(pk=book.pk).update(ebook=ebook_document(content, name))
    return BookPage.objects.get(pk=book.pk)


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page)


@pytest.fixture
def pdf_content():
    return multi_page_pdf(pages=3)


@pytest.fixture
def pdf_book(library, pdf_content):
    return BookPageFactory(parent=library, ebook=ebook_document(pdf_content, "de-men.pdf"))


@pytest.fixture
def epub_content():
    return two_chapter_epub()


@pytest.fixture
def epub_book_page(library, epub_content):
    return BookPageFactory(parent=library, ebook=ebook_document(epub_content, "de-men.epub"))


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# The range view ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("book_fixture", "content_fixture", "content_type"),
    [
        ("pdf_book", "pdf_content", "application/pdf"),
        ("epub_book_page", "epub_content", "application/epub+zip"),
    ],
    ids=["pdf", "epub"],
)
def test_the_whole_ebook_is_served_with_its_type_and_ranges_announced(
    client, request, book_fixture, content_fixture, content_type
):
    book = request.getfixturevalue(book_fixture)
    content = request.getfixturevalue(content_fixture)
    response = client.get(book.ebook_url())
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(content))
    assert response["ETag"] and response["Last-Modified"]
    assert response["Content-Disposition"].startswith("inline;")
    assert body_of(response) == content


def test_the_ebook_url_is_the_sach_dien_tu_address(pdf_book):
    assert pdf_book.ebook_url() == f"/sach-dien-tu/{pdf_book.pk}/"


@pytest.mark.parametrize(
    ("range_header", "expected"),
    [
        ("bytes=0-99", lambda size: (0, 99)),
        ("bytes=-100", lambda size: (size - 100, size - 1)),
        ("bytes=100-", lambda size: (100, size - 1)),
        ("bytes=100-999999999", lambda size: (100, size - 1)),
        ("bytes=-999999999", lambda size: (0, size - 1)),
        ("bytes=7-7", lambda size: (7, 7)),
    ],
    ids=["first-100", "suffix-100", "open-ended", "end-past-file", "suffix-past-file", "one-byte"],
)
def test_a_byte_range_is_answered_with_206_and_exactly_those_bytes(
    client, pdf_book, pdf_content, range_header, expected
):
    size = len(pdf_content)
    first, last = expected(size)
    response = client.get(pdf_book.ebook_url(), HTTP_RANGE=range_header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["Content-Type"] == "application/pdf"
    assert response["Accept-Ranges"] == "bytes"
    assert body_of(response) == pdf_content[first : last + 1]


def test_the_first_hundred_bytes_are_a_hundred_bytes(client, pdf_book, pdf_content):
    response = client.get(pdf_book.ebook_url(), HTTP_RANGE="bytes=0-99")
    body = body_of(response)
    assert len(body) == 100 and body.startswith(b"%PDF-")
    assert response["Content-Range"] == f"bytes 0-99/{len(pdf_content)}"


@pytest.mark.parametrize(
    "range_header",
    [
        lambda size: f"bytes={size}-",
        lambda size: f"bytes={size + 10}-{size + 20}",
        lambda _: "bytes=-0",
    ],
    ids=["starts-at-end", "wholly-after-end", "empty-suffix"],
)
def test_an_unsatisfiable_range_is_answered_with_416(client, pdf_book, pdf_content, range_header):
    size = len(pdf_content)
    response = client.get(pdf_book.ebook_url(), HTTP_RANGE=range_header(size))
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


@pytest.mark.parametrize(
    "range_header",
    [
        "bytes=0-9,20-29",
        "bytes=50-10",
        "lines=0-9",
        "bytes=abc",
        "bytes=-",
        f"bytes=0-{'9' * 5000}",
    ],
    ids=["several-ranges", "backwards", "other-unit", "garbage", "no-numbers", "endless-number"],
)
def test_a_range_header_the_view_does_not_honour_gets_the_whole_file(
    client, pdf_book, pdf_content, range_header
):
    # RFC 9110 lets a server ignore such a Range header; the book still opens.
    response = client.get(pdf_book.ebook_url(), HTTP_RANGE=range_header)
    assert response.status_code == 200
    assert body_of(response) == pdf_content


def test_head_describes_the_file_without_sending_it(client, pdf_book, pdf_content):
    response = client.head(pdf_book.ebook_url())
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(pdf_content))
    assert response["Content-Type"] == "application/pdf"
    assert response["Accept-Ranges"] == "bytes"
    assert response.content == b""

    ranged = client.head(pdf_book.ebook_url(), HTTP_RANGE="bytes=0-99")
    assert ranged.status_code == 206
    assert ranged["Content-Length"] == "100"
    assert ranged["Content-Range"] == f"bytes 0-99/{len(pdf_content)}"
    assert ranged.content == b""


def test_other_methods_are_refused(client, pdf_book):
    assert client.post(pdf_book.ebook_url()).status_code == 405


def test_gzip_never_hides_the_length_that_range_requests_need(client, pdf_book, pdf_content):
    # GZipMiddleware would drop Content-Length and PDF.js would then download the whole book.
    response = client.get(pdf_book.ebook_url(), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response["Content-Length"] == str(len(pdf_content))
    assert body_of(response) == pdf_content


def test_a_large_ebook_is_streamed_in_chunks(client, library):
    content = multi_page_pdf(pages=2, noise_bytes_per_page=300_000)
    book = BookPageFactory(parent=library, ebook=ebook_document(content, "lon.pdf"))
    response = client.get(book.ebook_url())
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    assert max(len(chunk) for chunk in chunks) <= views.CHUNK_SIZE
    assert b"".join(chunks) == content


def test_an_unchanged_ebook_is_not_sent_again(client, pdf_book):
    etag = client.head(pdf_book.ebook_url())["ETag"]
    response = client.get(pdf_book.ebook_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert body_of(response) == b""


def test_a_range_of_another_version_of_the_file_gets_the_whole_new_file(
    client, pdf_book, pdf_content
):
    response = client.get(
        pdf_book.ebook_url(), HTTP_RANGE="bytes=0-99", HTTP_IF_RANGE='"an-older-upload"'
    )
    assert response.status_code == 200
    assert body_of(response) == pdf_content
    etag = response["ETag"]
    same = client.get(pdf_book.ebook_url(), HTTP_RANGE="bytes=0-99", HTTP_IF_RANGE=etag)
    assert same.status_code == 206


def test_a_draft_book_has_no_ebook_to_serve(client, library, pdf_content):
    book = BookPageFactory(
        parent=library, live=False, ebook=ebook_document(pdf_content, "nhap.pdf")
    )
    assert client.get(book.ebook_url()).status_code == 404
    assert client.head(book.ebook_url()).status_code == 404


def test_a_private_book_has_no_ebook_to_serve(client, pdf_book):
    PageViewRestriction.objects.create(
        page=pdf_book, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    assert client.get(pdf_book.ebook_url()).status_code == 404


def test_a_book_in_a_private_library_has_no_ebook_to_serve(client, library, pdf_book):
    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(pdf_book.ebook_url()).status_code == 404


def test_a_document_from_a_restricted_collection_is_not_served(client, library, pdf_content):
    private = Collection.get_first_root_node().add_child(name="Tài liệu nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    book = BookPageFactory(
        parent=library, ebook=ebook_document(pdf_content, "noi-bo.pdf", collection=private)
    )
    assert client.get(book.ebook_url()).status_code == 404


def test_no_ebook_no_book_or_not_a_book_is_404(client, library):
    without_ebook = BookPageFactory(parent=library)
    assert client.get(without_ebook.ebook_url()).status_code == 404
    assert client.get("/sach-dien-tu/987654321/").status_code == 404
    assert client.get(f"/sach-dien-tu/{library.pk}/").status_code == 404


def test_a_file_that_is_not_an_ebook_is_not_served_as_one(client, library):
    book = book_with_unchecked_file(library, RENAMED_EXE, "sach.pdf")
    assert book.ebook_format is None
    assert client.get(book.ebook_url()).status_code == 404


def test_a_missing_file_is_404_not_an_error(client, pdf_book):
    pdf_book.ebook.file.delete(save=False)
    assert client.get(pdf_book.ebook_url()).status_code == 404


# The book page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("book_fixture", "label"),
    [("pdf_book", "PDF"), ("epub_book_page", "EPUB")],
    ids=["pdf", "epub"],
)
def test_the_book_page_offers_to_read_the_ebook_with_a_plain_link(
    client, request, book_fixture, label
):
    book = request.getfixturevalue(book_fixture)
    html = page_html(client, book)
    soup = BeautifulSoup(html, "html.parser")
    link = soup.select_one("a[data-reader-open]")
    # Without JavaScript the link itself opens the file.
    assert link["href"] == book.ebook_url()
    with translation.override("vi"):
        assert visible_text(str(link)) == f"Đọc sách ({label})"
    dialog = soup.find("dialog", id=link["data-reader-open"])
    assert dialog["data-src"] == book.ebook_url()
    assert dialog["data-format"] == label.lower()
    assert not dialog.has_attr("open")
    # The page loads the small reader script, never PDF.js or epub.js themselves.
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    assert any(src.endswith("library/reader.js") for src in scripts)
    assert not [src for src in scripts if "vendor/pdfjs" in src or "vendor/epubjs" in src]


def test_a_book_without_a_readable_ebook_has_no_reader(client, library):
    book = book_with_unchecked_file(library, RENAMED_EXE, "sach.pdf")
    html = page_html(client, book)
    assert "data-reader-open" not in html
    assert "library/reader.js" not in html
    assert "/sach-dien-tu/" not in html


# Upload checks ----------------------------------------------------------------------------


def vietnamese_error(document):
    with pytest.raises(ValidationError) as raised:
        validate_ebook_document(document)
    with translation.override("vi"):
        return raised.value.error_list[0].code, " ".join(raised.value.messages)


@pytest.mark.parametrize("name", ["sach.pdf", "sach.epub", "sach.exe"])
def test_a_renamed_windows_program_is_refused_and_called_what_it_is(name):
    code, message = vietnamese_error(ebook_document(RENAMED_EXE, name, title="Sách lạ"))
    assert code == "ebook_is_a_program"
    assert "Sách lạ" in message
    assert "chương trình" in message and "PDF" in message and "EPUB" in message


@override_settings(SOHOA_EBOOK_MAX_MB=0.001)
def test_an_ebook_over_the_configured_limit_is_refused_with_both_sizes():
    content = multi_page_pdf(pages=1)
    assert len(content) > 0.001 * 1024 * 1024
    code, message = vietnamese_error(ebook_document(content, "lon.pdf", title="Sách lớn"))
    assert code == "ebook_too_large"
    assert "quá lớn" in message
    assert "0,001 MB" in message


def test_the_size_limit_comes_from_the_setting(settings):
    content = multi_page_pdf(pages=1)
    document = ebook_document(content, "vua.pdf")
    settings.SOHOA_EBOOK_MAX_MB = len(content) / 1024 / 1024
    validate_ebook_document(document)
    settings.SOHOA_EBOOK_MAX_MB = (len(content) - 1) / 1024 / 1024
    with pytest.raises(ValidationError):
        validate_ebook_document(document)


@pytest.mark.parametrize(
    ("content", "name"),
    [(multi_page_pdf(pages=3), "ba-trang.pdf"), (two_chapter_epub(), "hai-chuong.epub")],
    ids=["pdf", "epub"],
)
def test_a_real_small_pdf_or_epub_is_accepted(content, name):
    document = ebook_document(content, name)
    validate_ebook_document(document)
    validate_ebook_document(document.pk)


def test_the_generated_epub_is_a_valid_package():
    # Guards the fixture: the browser tests rely on it being an EPUB a reader accepts.
    with zipfile.ZipFile(io.BytesIO(two_chapter_epub())) as epub:
        first = epub.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert epub.read("mimetype") == b"application/epub+zip"
        names = set(epub.namelist())
    assert {"META-INF/container.xml", "OEBPS/content.opf", "OEBPS/nav.xhtml"} <= names
    assert {"OEBPS/chuong-1.xhtml", "OEBPS/chuong-2.xhtml"} <= names
