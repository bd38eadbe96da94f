"""E-books and covers a sheet links to are downloaded into the site (cms.importing.linked_files).

The links point at a real HTTP server on 127.0.0.1 started here, serving real PDF, EPUB and
JPEG files, a web page, a renamed program, a redirect, an error and a server that is too slow.
"""

import io

import pytest
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from cms.importing import plan_import, run_import
from cms.importing import writing as writing_module
from cms.importing.linked_files import LinkError, check_address, direct_download_url
from cms.tests.test_importing import books_of, csv_file, sheet_of
from library.tests.factories import LibraryPageFactory
from library.tests.test_ebooks import minimal_epub, tiny_pdf

pytestmark = pytest.mark.django_db

HEADERS = ["Mã sách", "Tên sách", "Tác giả", "Link ebook", "Link ảnh bìa"]


def jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 90), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def server(file_server, settings):
    """The sheet's links lead to real files, pages and failures on another server."""
    settings.SOHOA_FETCH_TIMEOUT = 1
    file_server.routes.update(
        {
            "/sach/de-men.pdf": (200, {"Content-Type": "application/pdf"}, tiny_pdf()),
            "/sach/kieu.epub": (200, {"Content-Type": "application/epub+zip"}, minimal_epub()),
            "/bia/de-men.jpg": (200, {"Content-Type": "image/jpeg"}, jpeg()),
            "/doc-sach.html": (200, {"Content-Type": "text/html"}, b"<html>Doc sach</html>"),
            "/sach/setup.pdf": (200, {}, b"MZ\x90\x00" + b"\x00" * 200),
            "/sach/chuyen": (302, {"Location": "/sach/de-men.pdf"}, b""),
            "/sach/tai-ve?id=7": (
                200,
                {"Content-Disposition": "attachment; filename*=UTF-8''S%C3%A1ch%20hay.pdf"},
                tiny_pdf().replace(b"De Men", b"Sach 7"),
            ),
            "/sach/cham.pdf": (200, {"X-Delay": "3"}, tiny_pdf()),
        }
    )
    return file_server


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page)


def import_rows(rows, library, **options):
    plan = plan_import(sheet_of(csv_file([HEADERS, *rows])), library)
    return plan, run_import(plan, **options)


def test_linked_pdf_epub_and_cover_become_the_books_files(server, library):
    rows = [
        [
            "A1",
            "Dế Mèn phiêu lưu ký",
            "Tô Hoài",
            f"{server.url}/sach/de-men.pdf",
            f"{server.url}/bia/de-men.jpg",
        ],
        ["A2", "Truyện Kiều", "Nguyễn Du", f"{server.url}/sach/kieu.epub", ""],
    ]
    _plan, report = import_rows(rows, library)
    assert (report.created, report.files_stored, report.link_notes) == (2, 3, [])
    de_men, kieu = books_of(library)
    assert de_men.ebook_format == "pdf" and kieu.ebook_format == "epub"
    assert de_men.ebook.title == "Dế Mèn phiêu lưu ký"
    assert de_men.ebook.file.name.endswith(".pdf") and kieu.ebook.file.name.endswith(".epub")
    assert de_men.ebook.file_size == len(tiny_pdf()) and de_men.ebook.file_hash
    # The link stays on the page (an export gives the same sheet back).
    assert de_men.reading_url == f"{server.url}/sach/de-men.pdf"
    assert (de_men.cover_image.width, de_men.cover_image.height) == (60, 90)
    assert de_men.cover_url == f"{server.url}/bia/de-men.jpg"
    # The imported revision holds the files, as an editor's upload would.
    assert Revision.objects.get(pk=de_men.live_revision_id).content["ebook"] == de_men.ebook_id


def test_the_imported_ebook_opens_in_the_reader(server, library, client):
    import_rows([["A1", "Dế Mèn", "Tô Hoài", f"{server.url}/sach/de-men.pdf", ""]], library)
    book = books_of(library).get()
    page = client.get(book.url)
    assert b"data-reader-open" in page.content and b"(PDF)" in page.content
    response = client.get(book.ebook_url(), HTTP_RANGE="bytes=0-4")
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == b"%PDF-"


def test_importing_the_same_file_again_downloads_nothing_and_changes_nothing(server, library):
    rows = [
        ["A1", "Dế Mèn", "Tô Hoài", f"{server.url}/sach/de-men.pdf", f"{server.url}/bia/de-men.jpg"]
    ]
    import_rows(rows, library)
    documents = get_document_model().objects.count()
    _plan, report = import_rows(rows, library)
    assert (report.created, report.updated, report.unchanged, report.files_stored) == (0, 0, 1, 0)
    assert server.hits == {"/sach/de-men.pdf": 1, "/bia/de-men.jpg": 1}
    assert get_document_model().objects.count() == documents


def test_a_book_imported_before_gains_its_ebook_as_an_update(server, library):
    row = ["A1", "Dế Mèn", "Tô Hoài", f"{server.url}/sach/de-men.pdf", ""]
    import_rows([row], library, fetch_links=False)
    assert books_of(library).get().ebook is None
    _plan, report = import_rows([row], library)
    assert (report.updated, report.unchanged, report.files_stored) == (1, 0, 1)
    book = books_of(library).get()
    assert book.ebook_format == "pdf"
    assert Revision.objects.filter(object_id=str(book.pk)).count() == 2


def test_one_file_linked_by_several_copies_is_downloaded_and_stored_once(server, library):
    link = f"{server.url}/sach/de-men.pdf"
    rows = [["A1", "Dế Mèn", "Tô Hoài", link, ""], ["A2", "Dế Mèn", "Tô Hoài", link, ""]]
    _plan, report = import_rows(rows, library)
    assert report.files_stored == 2 and server.hits == {"/sach/de-men.pdf": 1}
    first, second = books_of(library)
    assert first.ebook_id == second.ebook_id


def test_redirects_are_followed_and_the_servers_file_name_kept(server, library):
    rows = [
        ["A1", "Dế Mèn", "Tô Hoài", f"{server.url}/sach/chuyen", ""],
        ["A2", "Sách 7", "Ai đó", f"{server.url}/sach/tai-ve?id=7", ""],
    ]
    import_rows(rows, library)
    first, second = books_of(library)
    assert first.ebook_format == "pdf"
    assert second.ebook.filename == "Sách_hay.pdf"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/doc-sach.html", "không phải tệp PDF hay EPUB"),
        ("/sach/setup.pdf", "chương trình Windows (.exe)"),
        ("/sach/mat.pdf", "Máy chủ trả về lỗi 404"),
        ("/sach/cham.pdf", "Máy chủ không trả lời kịp"),
    ],
)
def test_a_link_without_a_usable_ebook_stays_a_link_and_the_row_says_why(
    server, library, vietnamese, path, reason
):
    _plan, report = import_rows([["A1", "Dế Mèn", "Tô Hoài", f"{server.url}{path}", ""]], library)
    assert (report.created, report.files_stored) == (1, 0)
    [note] = report.link_notes
    assert (note.row_number, note.column) == (2, "Link ebook")
    assert reason in str(note.message) and "Link được giữ lại" in str(note.message)
    book = books_of(library).get()
    assert book.ebook is None and book.reading_url == f"{server.url}{path}"


def test_an_ebook_over_the_size_limit_is_not_downloaded_whole(
    server, library, settings, vietnamese
):
    settings.SOHOA_EBOOK_MAX_MB = 0.001
    _plan, report = import_rows(
        [["A1", "Dế Mèn", "Tô", f"{server.url}/sach/de-men.pdf", ""]], library
    )
    [note] = report.link_notes
    assert "Tệp quá lớn" in str(note.message) and "giới hạn là 0,001 MB" in str(note.message)
    assert books_of(library).get().ebook is None


def test_a_cover_link_to_something_else_than_an_image_is_reported(server, library, vietnamese):
    rows = [["A1", "Dế Mèn", "Tô Hoài", "", f"{server.url}/sach/de-men.pdf"]]
    _plan, report = import_rows(rows, library)
    [note] = report.link_notes
    assert note.column == "Link ảnh bìa" and "JPEG, PNG" in str(note.message)
    assert books_of(library).get().cover_image is None


def test_links_to_the_servers_own_network_are_refused_by_default(
    server, library, settings, vietnamese
):
    settings.SOHOA_FETCH_PRIVATE_ADDRESSES = False
    _plan, report = import_rows(
        [["A1", "Dế Mèn", "Tô", f"{server.url}/sach/de-men.pdf", ""]], library
    )
    [note] = report.link_notes
    assert "mạng nội bộ của máy chủ" in str(note.message)
    assert server.hits == {}


@pytest.mark.parametrize("url", ["ftp://example.com/sach.pdf", "file:///etc/passwd"])
def test_only_http_links_are_fetched(settings, url):
    with pytest.raises(LinkError):
        check_address(url)


def test_google_drive_share_links_are_turned_into_download_links():
    expected = "https://drive.google.com/uc?export=download&id=1AbC-d_9"
    assert (
        direct_download_url("https://drive.google.com/file/d/1AbC-d_9/view?usp=sharing") == expected
    )
    assert direct_download_url("https://drive.google.com/open?id=1AbC-d_9") == expected
    assert direct_download_url("https://thuvien.edu.vn/a.pdf") == "https://thuvien.edu.vn/a.pdf"


def test_files_downloaded_for_an_import_that_fails_are_removed(server, library, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(writing_module.PageWriter, "create", broken)
    documents, images = get_document_model().objects.count(), get_image_model().objects.count()
    rows = [["A1", "Dế Mèn", "Tô", f"{server.url}/sach/de-men.pdf", f"{server.url}/bia/de-men.jpg"]]
    with pytest.raises(RuntimeError):
        import_rows(rows, library)
    assert get_document_model().objects.count() == documents
    assert get_image_model().objects.count() == images
    assert not books_of(library).exists()


def test_nothing_is_downloaded_when_the_import_is_refused(server, library):
    rows = [
        ["A1", "Dế Mèn", "Tô Hoài", f"{server.url}/sach/de-men.pdf", ""],
        ["A2", "", "Không tên", f"{server.url}/sach/kieu.epub", ""],
    ]
    _plan, report = import_rows(rows, library)
    assert report.created == 0 and report.errors
    assert server.hits == {}


def test_the_plan_tells_the_editor_that_links_will_be_downloaded(library, vietnamese):
    plan = plan_import(sheet_of(csv_file([HEADERS, ["A1", "A", "B", "", ""]])), library)
    notices = " ".join(str(notice) for notice in plan.notices)
    assert "sẽ được tải về khi nhập" in notices and "ảnh bìa" in notices
    assert plan.unmapped_headers == []


def test_the_command_reports_downloads_and_links_that_stayed_links(
    server, library, tmp_path, vietnamese
):
    sheet = tmp_path / "sach.csv"
    rows = [
        ["A1", "Dế Mèn", "Tô Hoài", f"{server.url}/sach/de-men.pdf", ""],
        ["A2", "Kiều", "Nguyễn Du", f"{server.url}/doc-sach.html", ""],
    ]
    sheet.write_bytes(csv_file([HEADERS, *rows]))
    output, errors = io.StringIO(), io.StringIO()
    call_command("import_sheet", str(sheet), parent=library.pk, stdout=output, stderr=errors)
    text = output.getvalue()
    assert "Số tệp đã tải về từ các link trong bảng tính: 1." in text
    assert "Dòng 3" in text and "Link ebook" in text
    assert "đang tải tệp" in errors.getvalue()


def test_a_dry_run_downloads_nothing(server, library, tmp_path):
    sheet = tmp_path / "sach.csv"
    sheet.write_bytes(
        csv_file([HEADERS, ["A1", "Dế Mèn", "Tô", f"{server.url}/sach/de-men.pdf", ""]])
    )
    call_command("import_sheet", str(sheet), parent=library.pk, dry_run=True, stdout=io.StringIO())
    assert server.hits == {} and not books_of(library).exists()
