"""`manage.py qr_print`: the sheet a volunteer prints for a library or an index page scans
back to the right short links, and a mistake gets a clear message and a failing exit."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from cms.qr.models import QRCode
from cms.tests.qr_decode import decoded, pdf_pages
from heritage.tests.factories import StreetIndexPageFactory, StreetPageFactory
from library.tests.factories import BookPageFactory, LibraryPageFactory

DRAFTS = Path(__file__).resolve().parents[2] / "locale" / "drafts" / "qr_render.po"


def scanned_pages(path, dpi=200):
    """The URLs zxing reads on each page of the PDF, and each page's text."""
    pages = pdf_pages(Path(path).read_bytes(), dpi)
    return [(sorted(decoded(image)), " ".join(text.split())) for image, text, _size in pages]


def qr_print(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("qr_print", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page, title="Thư viện Trường THPT Nguyễn Du")


def with_code(page):
    QRCode.issue_for(page)
    return page


def test_a_library_prints_labels_for_its_published_books_with_codes(library, tmp_path):
    books = [
        with_code(
            BookPageFactory(parent=library, title=f"Truyện Kiều – bản {n}", code=f"NV-{n:03d}")
        )
        for n in range(30, 0, -1)
    ]
    draft = with_code(BookPageFactory(parent=library, title="Bản nháp", live=False))
    BookPageFactory(parent=library, title="Chưa có mã QR")
    output = tmp_path / "nhan-sach.pdf"

    stdout, stderr = qr_print("--page", str(library.pk), "--output", str(output))

    pages = scanned_pages(output)
    assert len(pages) == 2  # 30 labels at 3×8
    scanned = [url for urls, _text in pages for url in urls]
    assert sorted(scanned) == sorted(QRCode.objects.get(page=b).short_url for b in books)
    assert QRCode.objects.get(page=draft).short_url not in scanned
    # Ordered by book code: NV-001 … NV-024 on the first sheet.
    assert "NV-001" in pages[0][1] and "NV-024" in pages[0][1] and "NV-025" in pages[1][1]
    assert "Truyện Kiều – bản 1" in pages[0][1]
    assert "30" in stdout and str(output) in stdout
    assert "30/30" in stderr  # the progress bar reached the end


def test_issue_missing_gives_codes_to_books_without_one_and_prints_them(library, tmp_path):
    book = BookPageFactory(parent=library, title="Số đỏ", code="VH-001")
    output = tmp_path / "nhan.pdf"

    qr_print("--page", str(library.pk), "--output", str(output), "--issue-missing")

    [(urls, text)] = scanned_pages(output)
    assert urls == [QRCode.objects.get(page=book).short_url]
    assert "Số đỏ" in text and "VH-001" in text


def test_a_custom_grid_puts_more_labels_on_a_page(library, tmp_path):
    for n in range(12):
        with_code(BookPageFactory(parent=library, code=f"VH-{n:03d}"))
    output = tmp_path / "nhan.pdf"
    qr_print("--page", str(library.pk), "--output", str(output), "--grid", "4x10")
    [(urls, _text)] = scanned_pages(output, dpi=250)
    assert len(urls) == 12


@pytest.fixture
def streets(home_page):
    return StreetIndexPageFactory(parent=home_page, title="Tuyến đường")


def test_an_index_page_prints_one_plate_per_published_child(streets, tmp_path):
    names = ["Đường Hoàng Hoa Thám", "Đường Nguyễn Thị Minh Khai", "Đường Lê Lợi"]
    children = [with_code(StreetPageFactory(parent=streets, title=name)) for name in names]
    with_code(StreetPageFactory(parent=streets, title="Đường chưa duyệt", live=False))
    output = tmp_path / "bien.pdf"

    stdout, _stderr = qr_print("--page", str(streets.pk), "--output", str(output))

    pages = scanned_pages(output, dpi=100)
    assert [urls for urls, _text in pages] == [
        [QRCode.objects.get(page=child).short_url] for child in children
    ]
    for (_urls, text), name in zip(pages, names, strict=True):
        assert name in text
    assert "3" in stdout


def test_a_page_without_children_prints_its_own_plate_on_a4(streets, tmp_path):
    street = with_code(StreetPageFactory(parent=streets, title="Đường Hoàng Hoa Thám"))
    output = tmp_path / "bien.pdf"
    qr_print("--page", str(street.pk), "--output", str(output), "--paper", "A4")
    [(_image, _text, (width, height))] = pdf_pages(output.read_bytes(), dpi=50)
    assert (round(width), round(height)) == (595, 842)
    [(urls, text)] = scanned_pages(output, dpi=100)
    assert urls == [QRCode.objects.get(page=street).short_url]
    assert "Đường Hoàng Hoa Thám" in text


def test_the_unit_name_can_be_given(streets, tmp_path):
    street = with_code(StreetPageFactory(parent=streets, title="Đường Lê Lợi"))
    output = tmp_path / "bien.pdf"
    qr_print(
        "--page", str(street.pk), "--output", str(output), "--unit-name", "Đoàn Phường Bến Thành"
    )
    [(_urls, text)] = scanned_pages(output, dpi=50)
    assert "Đoàn Phường Bến Thành" in text


def message_of(*args):
    with translation.override("vi"), pytest.raises(CommandError) as error:
        qr_print(*args)
    return str(error.value)


def vietnamese(msgid, **params):
    """What the user reads under the Vietnamese catalogue."""
    with translation.override("vi"):
        return translation.gettext(msgid) % params


def test_an_unknown_page_id_is_refused_in_vietnamese(db, tmp_path):
    message = message_of("--page", "999999", "--output", str(tmp_path / "x.pdf"))
    assert message == "Không có trang nào có mã số (id) 999999."


@pytest.mark.parametrize(
    "grid, shown", [("0x8", "0×8"), ("7x8", "7×8"), ("3x15", "3×15"), ("ba-tám", "ba-tám")]
)
def test_a_bad_grid_is_refused(library, tmp_path, grid, shown):
    message = message_of(
        "--page", str(library.pk), "--output", str(tmp_path / "x.pdf"), "--grid", grid
    )
    assert shown in message
    assert not (tmp_path / "x.pdf").exists()


def test_a_library_with_nothing_to_print_is_refused_with_a_hint(library, tmp_path):
    BookPageFactory(parent=library, title="Chưa có mã QR")
    output = tmp_path / "x.pdf"
    message = message_of("--page", str(library.pk), "--output", str(output))
    assert message.startswith(
        vietnamese(
            "There is nothing to print under “%(title)s”: no published page has a QR code.",
            title=library.title,
        )
    )
    assert "--issue-missing" in message
    assert not output.exists()


@pytest.mark.parametrize("name", ["nhan.png", "nhan", "nhan.pdf.txt"])
def test_the_output_must_be_a_pdf(library, tmp_path, name):
    message = message_of("--page", str(library.pk), "--output", str(tmp_path / name))
    assert name in message


def test_the_output_folder_must_exist(library, tmp_path):
    message = message_of("--page", str(library.pk), "--output", str(tmp_path / "khong" / "x.pdf"))
    assert "khong" in message


@override_settings(SITE_BASE_URL="")
def test_codes_are_never_printed_without_a_public_address(library, tmp_path):
    with_code(BookPageFactory(parent=library))
    with pytest.raises(CommandError, match="SITE_BASE_URL"):
        qr_print("--page", str(library.pk), "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


@override_settings(SITE_BASE_URL="http://127.0.0.1:8000")
def test_a_local_address_prints_with_a_warning(library, tmp_path):
    with_code(BookPageFactory(parent=library))
    _stdout, stderr = qr_print("--page", str(library.pk), "--output", str(tmp_path / "x.pdf"))
    assert "127.0.0.1:8000" in stderr
    assert (tmp_path / "x.pdf").exists()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
def test_every_message_has_a_vietnamese_draft(tmp_path):
    """Until the lead merges locale/drafts/qr_render.po into the catalogue, this keeps the
    drafts complete and valid."""
    mo = tmp_path / "qr_render.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(mo), str(DRAFTS)], check=True)
    import gettext

    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    for msgid in [
        "There is no page with id %(id)s.",
        "There is nothing to print under “%(title)s”: no published page has a QR code.",
        "Run the command again with --issue-missing to issue them.",
        "Scan the code to read",
        "Write the label grid as columns x rows, such as 3x8, not “%(grid)s”.",
    ]:
        assert catalogue.gettext(msgid) != msgid
    assert catalogue.gettext("Scan the code to read") == "Quét mã để đọc"
