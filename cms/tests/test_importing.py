"""Spreadsheet import and export (cms.importing, manage.py import_sheet / export_sheet).

Every fixture file is generated here: CSV in each encoding Excel writes, .xlsx with title
lines, merged cells and empty rows, and files that are not spreadsheets at all.
"""

import io
import unicodedata

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import Page, Revision

from cms.importing import (
    SheetError,
    export_sheet,
    import_kind_for,
    plan_import,
    read_sheet,
    run_import,
)
from cms.importing import reading as reading_module
from cms.qr.models import QRCode
from heritage.models import HeritageSitePage, NeighbourhoodOfficePage, StreetPage
from heritage.tests.factories import (
    HeritageIndexPageFactory,
    OfficeIndexPageFactory,
    StreetIndexPageFactory,
)
from home.models import SchoolPage
from home.tests.factories import SchoolIndexPageFactory
from library.models import BookPage, GradeBand
from library.tests.factories import BookPageFactory, LibraryPageFactory, isbn13

BOOK_HEADERS = ["STT", "Tên sách", "Tác giả", "Năm XB", "Mã sách", "ISBN", "Chủ đề", "Cấp học"]
ISBN_1 = isbn13("978-604-2-10001")
ISBN_2 = isbn13("978-604-2-10002")
BOOK_ROWS = [
    ["1", "Dế Mèn phiêu lưu ký", "Tô Hoài", "2019", "VH-001", ISBN_1, "Văn học", "Tiểu học"],
    ["2", "Đất rừng phương Nam", "Đoàn Giỏi", "2018", "VH-002", ISBN_2, "van hoc", "THCS"],
    ["3", "Truyện Kiều", "Nguyễn Du, Đào Duy Anh", "2020", "VH-003", "", "Văn học", "THPT"],
]
THIS_YEAR = timezone.localdate().year


# Building files ---------------------------------------------------------------------------

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text):
    """Text as Windows-1258 stores Vietnamese: a letter with its vowel mark precomposed (ơ, â)
    followed by a combining tone mark, since the code page has no room for every syllable."""
    encoded = []
    for character in text:
        try:
            encoded.append(character.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", character)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        tones = "".join(c for c in parts if c in TONE_MARKS)
        encoded.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(encoded)


def delimited(rows, delimiter=","):
    output = io.StringIO(newline="")
    import csv

    csv.writer(output, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return output.getvalue()


def encoded(text, encoding):
    if encoding == "cp1258":
        return to_cp1258(text)
    return text.encode(encoding)


def xlsx(rows, merges=(), title_lines=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in title_lines:
        sheet.append(line)
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def sheet_of(content, filename="sach.csv"):
    return read_sheet(io.BytesIO(content), filename)


def csv_file(rows, delimiter=",", encoding="utf-8"):
    return encoded(delimited(rows, delimiter), encoding)


def book_csv(rows=BOOK_ROWS, headers=BOOK_HEADERS):
    return csv_file([headers, *rows])


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page)


def imported(content, parent, filename="sach.csv", **options):
    plan = plan_import(sheet_of(content, filename), parent)
    return plan, run_import(plan, **options)


def books_of(library):
    return BookPage.objects.child_of(library).order_by("path")


# Reading: encodings, delimiters, messy workbooks -------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "delimiter", "expected_encoding"),
    [
        ("utf-8", ",", "utf-8"),
        ("utf-8-sig", ",", "utf-8-sig"),
        ("utf-16", "\t", "utf-16"),  # Excel's "Unicode text": UTF-16 LE with a BOM, tabs
        ("cp1258", ";", "cp1258"),  # Vietnamese Windows, with the list separator ;
        ("cp1258", ",", "cp1258"),
    ],
)
def test_every_encoding_excel_writes_reads_as_the_same_vietnamese_text(
    encoding, delimiter, expected_encoding
):
    content = csv_file([BOOK_HEADERS, *BOOK_ROWS], delimiter, encoding)
    sheet = sheet_of(content)
    assert sheet.encoding == expected_encoding
    assert sheet.delimiter == delimiter
    assert sheet.headers == BOOK_HEADERS
    assert sheet.rows == BOOK_ROWS
    # CP1258 decodes to combining marks; every cell must come out composed (NFC), as typed.
    assert all(unicodedata.is_normalized("NFC", cell) for row in sheet.rows for cell in row)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_found_even_with_commas_inside_cells(delimiter):
    rows = [BOOK_HEADERS, *BOOK_ROWS]  # "Nguyễn Du, Đào Duy Anh" holds a comma
    sheet = sheet_of(csv_file(rows, delimiter))
    assert sheet.delimiter == delimiter
    assert sheet.rows[2][2] == "Nguyễn Du, Đào Duy Anh"


def test_title_lines_and_empty_rows_keep_the_files_row_numbers():
    text = "DANH MỤC SÁCH THƯ VIỆN TRƯỜNG THCS NGUYỄN DU,,,,,,,\nNăm học 2025-2026\n\n"
    rows = [BOOK_ROWS[0], ["", "", "", "", "", "", "", ""], BOOK_ROWS[1]]
    sheet = sheet_of((text + delimited([BOOK_HEADERS, *rows])).encode())
    assert sheet.header_row_number == 4
    assert sheet.row_numbers == [5, 7]
    assert [row[1] for row in sheet.rows] == ["Dế Mèn phiêu lưu ký", "Đất rừng phương Nam"]


def test_a_messy_workbook_is_read_like_the_volunteer_sees_it(library):
    content = xlsx(
        [
            BOOK_HEADERS,
            [
                1,
                "Dế Mèn phiêu lưu ký",
                "Tô Hoài",
                2019,
                "VH-001",
                int(ISBN_1.replace("-", "")),
                "Văn học",
                "Tiểu học",
            ],
            [None] * 8,
            [2, "Đất rừng phương Nam", "Đoàn Giỏi", 2018.0, "VH-002", None, None, "THCS"],
            [3, "Truyện Kiều", "Nguyễn Du", 2020, "VH-003", None, None, "THPT"],
        ],
        title_lines=[["DANH MỤC SÁCH THƯ VIỆN TRƯỜNG THCS NGUYỄN DU"], ["Ngày 30/04/2026"]],
        # The title spans the table; one subject is merged down over three books.
        merges=["A1:H1", "G4:G7"],
    )
    sheet = sheet_of(content, "sach.xlsx")
    assert (sheet.encoding, sheet.delimiter) == (None, None)
    assert sheet.header_row_number == 3
    assert sheet.row_numbers == [4, 6, 7]
    assert [row[3] for row in sheet.rows] == ["2019", "2018", "2020"]
    assert [row[6] for row in sheet.rows] == ["Văn học"] * 3

    plan = plan_import(sheet, library)
    assert 0 not in plan.mapping  # STT is numbering, not data
    assert plan.unmapped_headers == []
    assert plan.counts() == {"create": 3, "update": 0, "unchanged": 0, "invalid": 0}
    assert plan.rows[0].values["isbn"] == ISBN_1.replace("-", "")
    assert {row.values["subject"].name for row in plan.rows} == {"Văn học"}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tên sách", "title"),
        ("NHAN ĐỀ", "title"),
        ("Tên tài liệu", "title"),
        ("Title", "title"),
        ("tac gia", "authors"),
        ("NXB", "publisher"),
        ("Nhà xuất bản", "publisher"),
        ("Năm xuất bản", "year"),
        ("Năm", "year"),
        ("Số ĐKCB", "code"),
        ("Số đăng ký cá biệt", "code"),
        ("Ký hiệu xếp giá", "call_number"),
        ("Môn loại", "call_number"),
        ("Thể loại", "subject"),
        ("Lĩnh vực", "subject"),
        ("Lứa tuổi", "grade_band"),
        ("SL", "copies"),
        ("Số bản", "copies"),
        ("Số lượng (cuốn)", "copies"),
        ("Tóm tắt", "summary"),
        ("Link đọc sách", "reading_url"),
        ("Ngôn ngữ", "language"),
        ("Số trang", "pages"),
        ("isbn", "isbn"),
    ],
)
def test_book_headers_written_many_ways_map_to_the_same_field(library, header, field):
    sheet = sheet_of(csv_file([["Tên sách" if field != "title" else "Mã sách", header]]))
    plan = plan_import(sheet, library)
    assert plan.mapping[1] == field


# Files that are not spreadsheets ------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b"", "sach.csv", "trống"),
        (b"\xef\xbb\xbf", "sach.csv", "trống"),
        (b"   \r\n\r\n", "sach.csv", "trống"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(range(256)) * 4, "sach.csv", "chương trình"),
        (b"MZ\x90\x00\x03\x00" + bytes(200), "sach.xlsx", "chương trình"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "sach.xls", ".xlsx"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "sach.csv", "PDF"),
        (bytes(range(256)) * 8, "sach.csv", "không phải là bảng tính"),
        (b"PK\x03\x04" + bytes(300), "sach.xlsx", "không phải là bảng tính"),
    ],
    ids=[
        "empty",
        "bom-only",
        "blank-lines",
        "renamed-exe",
        "exe-named-xlsx",
        "old-xls",
        "pdf",
        "binary",
        "broken-zip",
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_in_vietnamese(
    content, filename, expected, vietnamese
):
    with pytest.raises(SheetError) as raised:
        sheet_of(content, filename)
    assert expected in str(raised.value)
    assert filename in str(raised.value)


def test_another_zip_renamed_xlsx_is_refused(vietnamese):
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("mimetype", "application/epub+zip")
    with pytest.raises(SheetError, match="không phải là bảng tính"):
        sheet_of(archive.getvalue(), "sach.xlsx")


def test_a_file_over_the_size_limit_is_refused(monkeypatch, vietnamese):
    monkeypatch.setattr(reading_module, "MAX_SHEET_BYTES", 1000)
    with pytest.raises(SheetError, match="quá lớn"):
        sheet_of(book_csv() * 20)


def test_a_page_that_takes_no_rows_cannot_plan_an_import(home_page, vietnamese):
    assert import_kind_for(home_page) is None
    with pytest.raises(SheetError, match="Không thể nhập"):
        plan_import(sheet_of(book_csv()), home_page)


# Bad rows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("ISBN", "978-604-2-10001-0", "chữ số kiểm tra"),
        ("ISBN", "12345", "10 hoặc 13"),
        ("Năm XB", str(THIS_YEAR + 3), "tương lai"),
        ("Năm XB", "999", "1000"),
        ("Năm XB", "hai nghìn", "không phải là số nguyên"),
        ("Chủ đề", "Phép thuật", "không có trong danh sách chủ đề"),
        ("Cấp học", "Đại học", "không rõ"),
        ("Tên sách", "", "không được để trống"),
    ],
)
def test_a_bad_cell_is_reported_with_row_column_and_reason(
    library, column, value, expected, vietnamese
):
    rows = [list(row) for row in BOOK_ROWS]
    rows[1][BOOK_HEADERS.index(column)] = value
    plan = plan_import(sheet_of(book_csv(rows)), library)
    assert not plan.is_valid
    [error] = plan.errors
    assert (error.row_number, error.column) == (3, column)
    assert expected in str(error.message)
    assert plan.counts() == {"create": 2, "update": 0, "unchanged": 0, "invalid": 1}


def test_a_duplicate_code_is_an_error_on_its_second_row(library, vietnamese):
    rows = [list(row) for row in BOOK_ROWS]
    rows[2][4] = "vh-001"  # codes compare without case, as BookPageForm does
    plan = plan_import(sheet_of(book_csv(rows)), library)
    [error] = plan.errors
    assert (error.row_number, error.column) == (4, "Mã sách")
    assert "dòng 2" in str(error.message)


def test_a_missing_required_column_is_reported_on_the_header_row(library, vietnamese):
    rows = [["Tác giả", "Mã sách"], ["Tô Hoài", "VH-1"]]
    plan = plan_import(sheet_of(csv_file([["Danh mục"], *rows])), library)
    [error] = plan.errors
    assert error.row_number == 2
    assert "Tên sách" in str(error.message)
    assert plan.rows == []


def test_nothing_is_written_when_one_row_is_invalid(library):
    rows = [list(row) for row in BOOK_ROWS]
    rows[2][5] = "978-604-2-10001-0"
    plan, report = imported(book_csv(rows), library)
    assert (report.created, report.updated, report.skipped_invalid) == (0, 0, 1)
    assert report.errors == plan.errors
    assert not books_of(library).exists()


def test_keep_valid_imports_the_valid_rows_and_reports_the_rest(library):
    rows = [list(row) for row in BOOK_ROWS]
    rows[2][5] = "978-604-2-10001-0"
    _plan, report = imported(book_csv(rows), library, keep_valid=True)
    assert (report.created, report.skipped_invalid) == (2, 1)
    assert [error.row_number for error in report.errors] == [4]
    assert list(books_of(library).values_list("code", flat=True)) == ["VH-001", "VH-002"]


# Writing ------------------------------------------------------------------------------------


def test_imported_books_are_live_pages_in_a_valid_tree(library, client):
    existing = BookPageFactory(parent=library, code="CU-1")
    progress = []
    _plan, report = imported(book_csv(), library, progress=lambda *a: progress.append(a))
    assert report.created == 3
    assert progress[0] == (0, 3, "write") and progress[-1] == (3, 3, "write")
    assert not any(Page.find_problems())
    library.refresh_from_db()
    assert library.numchild == 4
    books = list(books_of(library))
    assert books[0] == existing
    kieu = books[3]
    assert kieu.title == "Truyện Kiều"
    assert kieu.authors == "Nguyễn Du, Đào Duy Anh"
    assert kieu.grade_band == GradeBand.UPPER_SECONDARY
    assert kieu.subject.name == "Văn học"
    assert kieu.url_path == f"{library.url_path}truyen-kieu/"
    assert kieu.live and kieu.live_revision == kieu.latest_revision
    assert kieu.latest_revision.as_object().code == "VH-003"
    assert QRCode.objects.filter(page__in=books[1:]).count() == 3
    response = client.get(kieu.url)
    assert response.status_code == 200
    assert "Nguyễn Du, Đào Duy Anh" in response.content.decode()


def test_imported_books_are_found_by_the_site_search(library):
    imported(book_csv(), library)
    results = BookPage.objects.live().search("dat rung phuong nam")
    assert [book.title for book in results] == ["Đất rừng phương Nam"]


def test_same_titles_get_distinct_slugs(library):
    rows = [["Tên sách", "Mã sách"], ["Dế Mèn", "A"], ["Dế Mèn", "B"], ["Dế mèn", "C"]]
    imported(csv_file(rows), library)
    assert list(books_of(library).values_list("slug", flat=True)) == [
        "de-men",
        "de-men-2",
        "de-men-3",
    ]


def test_importing_the_same_file_again_changes_nothing(library):
    imported(book_csv(), library)
    revisions = Revision.objects.count()
    plan, report = imported(book_csv(), library)
    assert plan.counts() == {"create": 0, "update": 0, "unchanged": 3, "invalid": 0}
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert books_of(library).count() == 3
    assert Revision.objects.count() == revisions


def test_an_edited_file_updates_only_the_changed_books(library):
    imported(book_csv(), library)
    before = {book.code: book.live_revision_id for book in books_of(library)}
    rows = [list(row) for row in BOOK_ROWS]
    rows[1][1] = "Đất rừng phương Nam (tái bản)"
    rows[1][3] = "2021"
    plan, report = imported(book_csv(rows), library)
    assert plan.counts() == {"create": 0, "update": 1, "unchanged": 2, "invalid": 0}
    assert plan.rows[1].changed_fields == ["title", "year"]
    assert report.updated == 1
    after = {book.code: book for book in books_of(library)}
    assert after["VH-002"].title == "Đất rừng phương Nam (tái bản)"
    assert after["VH-002"].draft_title == "Đất rừng phương Nam (tái bản)"
    assert after["VH-002"].year == 2021
    assert after["VH-002"].live_revision_id != before["VH-002"]
    assert after["VH-001"].live_revision_id == before["VH-001"]
    assert BookPage.objects.live().search("tai ban").count() == 1


def test_books_without_code_are_matched_by_isbn_then_title_and_authors(library):
    by_isbn = BookPageFactory(parent=library, code="", isbn=ISBN_1, title="Dế Mèn")
    by_title = BookPageFactory(
        parent=library, code="", isbn="", title="Truyện Kiều", authors="Nguyễn Du, Đào Duy Anh"
    )
    other_copy = BookPageFactory(parent=library, code="KHAC-9", isbn=ISBN_2)
    plan = plan_import(sheet_of(book_csv()), library)
    assert [row.page_id for row in plan.rows] == [by_isbn.pk, None, by_title.pk]
    assert plan.rows[0].action == "update" and "code" in plan.rows[0].changed_fields
    # The second book shares an ISBN with a book that has another code: another copy.
    assert other_copy.pk not in [row.page_id for row in plan.rows]


# Other page kinds ---------------------------------------------------------------------------


def test_streets_import_with_coordinates_in_two_columns(home_page, vietnamese):
    index = StreetIndexPageFactory(parent=home_page)
    rows = [
        ["Tên đường", "Tên gọi cũ", "Chiều dài (m)", "Lộ giới", "Quận", "Vĩ độ", "Kinh độ"],
        [
            "Đường Hoàng Hoa Thám",
            "Đường Phan Đình Phùng\nĐường Số 5",
            "2.350",
            "20,5",
            "Tân Bình",
            "10.801",
            "106.651",
        ],
        ["Đường Lê Lợi", "", "", "", "Quận 1", "48.85", "2.35"],
    ]
    plan = plan_import(sheet_of(csv_file(rows)), index)
    [error] = plan.errors
    assert (error.row_number, error.column) == (3, "Vĩ độ")
    assert "ngoài lãnh thổ Việt Nam" in str(error.message)
    del rows[2]
    _plan, report = imported(csv_file(rows), index)
    street = StreetPage.objects.child_of(index).get()
    assert street.length_m == 2350 and str(street.width_m) == "20.5"
    assert street.former_names == "Đường Phan Đình Phùng\nĐường Số 5"
    assert (street.latitude, street.longitude) == (10.801, 106.651)
    assert street.location == "SRID=4326;POINT(106.651000 10.801000)"


def test_heritage_sites_import_with_kind_guessed_from_the_name(home_page, vietnamese):
    index = HeritageIndexPageFactory(parent=home_page)
    rows = [
        ["Tên di tích", "Xếp hạng", "Ngày quyết định xếp hạng", "Địa chỉ", "Điện thoại"],
        ["Chùa Giác Lâm", "Quốc gia", "16/11/1988", "565 Lạc Long Quân", "028 3865 3933"],
        ["Địa đạo Củ Chi", "Quốc gia đặc biệt", "", "Phú Hiệp, Củ Chi", ""],
        ["Nhà văn hóa", "", "", "", "12345"],
    ]
    plan = plan_import(sheet_of(csv_file(rows)), index)
    assert [(e.row_number, e.column) for e in plan.errors] == [(4, "Điện thoại"), (4, "Loại hình")]
    _plan, report = imported(csv_file(rows[:3]), index)
    assert report.created == 2
    chua, dia_dao = HeritageSitePage.objects.child_of(index).order_by("path")
    assert (chua.kind, chua.ranking) == ("dinh_chua", "quoc_gia")
    assert chua.ranking_decision_date.isoformat() == "1988-11-16"
    assert (dia_dao.kind, dia_dao.ranking) == ("cach_mang", "quoc_gia_dac_biet")


def test_offices_import(home_page):
    index = OfficeIndexPageFactory(parent=home_page)
    rows = [
        ["Tên khu phố", "Phường", "Địa chỉ", "Điện thoại văn phòng", "Vị trí"],
        ["Khu phố 1", "Phường Bến Thành", "12 Lê Lợi", "028 3829 1234", "10.7731, 106.6983"],
    ]
    _plan, report = imported(csv_file(rows), index)
    office = NeighbourhoodOfficePage.objects.child_of(index).get()
    assert (office.ward, office.phone, office.latitude) == (
        "Phường Bến Thành",
        "028 3829 1234",
        10.7731,
    )


def test_schools_import_with_level_from_a_column_or_the_name(home_page):
    index = SchoolIndexPageFactory(parent=home_page)
    rows = [
        ["Tên trường", "Cấp học", "Năm thành lập", "Số học sinh", "Năm học", "Quận"],
        ["Trường Lê Quý Đôn", "THPT", "1874", "1.850", "2025-2026", "Quận 3"],
        ["Trường THCS Nguyễn Du", "", "1960", "", "", "Quận 1"],
    ]
    _plan, report = imported(csv_file(rows), index)
    assert report.created == 2
    levels = dict(SchoolPage.objects.child_of(index).values_list("title", "level"))
    assert levels == {"Trường Lê Quý Đôn": "thpt", "Trường THCS Nguyễn Du": "thcs"}
    assert SchoolPage.objects.get(title="Trường Lê Quý Đôn").students == 1850


# Export -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_exported_library_imports_back_unchanged(library, fmt):
    BookPageFactory(parent=library, subject=None, year=None, isbn="", pages=321)
    imported(book_csv(), library)
    content, content_type, filename = export_sheet(library, fmt)
    assert filename.endswith(f".{fmt}")
    plan, report = imported(content, library, filename)
    assert plan.counts() == {"create": 0, "update": 0, "unchanged": 4, "invalid": 0}
    assert (report.created, report.updated) == (0, 0)


def test_the_csv_export_has_a_bom_so_excel_reads_vietnamese(library):
    imported(book_csv(), library)
    content, content_type, _filename = export_sheet(library, "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    assert content_type.startswith("text/csv")
    assert "Tên sách" in content.decode("utf-8-sig").splitlines()[0]


def test_the_xlsx_export_has_a_bold_frozen_header(library):
    imported(book_csv(), library)
    content, _type, _filename = export_sheet(library, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A1"].value == "Tên sách" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 4


@pytest.mark.parametrize(
    "make_index",
    [
        StreetIndexPageFactory,
        HeritageIndexPageFactory,
        OfficeIndexPageFactory,
        SchoolIndexPageFactory,
    ],
)
def test_every_index_exports_and_imports_back_unchanged(home_page, make_index):
    from heritage.tests import factories as heritage_factories
    from home.tests import factories as home_factories

    index = make_index(parent=home_page)
    child_factory = {
        StreetIndexPageFactory: heritage_factories.StreetPageFactory,
        HeritageIndexPageFactory: heritage_factories.HeritageSitePageFactory,
        OfficeIndexPageFactory: heritage_factories.NeighbourhoodOfficePageFactory,
        SchoolIndexPageFactory: home_factories.SchoolPageFactory,
    }[make_index]
    child_factory(parent=index)
    child_factory(parent=index)
    content, _type, filename = export_sheet(index, "xlsx")
    plan = plan_import(sheet_of(content, filename), index)
    assert plan.errors == []
    assert plan.counts()["unchanged"] == 2


# Commands -----------------------------------------------------------------------------------


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_and_reports(library, tmp_path, vietnamese):
    path = tmp_path / "sach.csv"
    path.write_bytes(book_csv())
    out, err = command("import_sheet", str(path), "--parent", str(library.pk))
    assert "3 trang mới" in out
    assert books_of(library).count() == 3


def test_the_command_dry_run_writes_nothing(library, tmp_path, vietnamese):
    path = tmp_path / "sach.csv"
    path.write_bytes(book_csv())
    out, _err = command("import_sheet", str(path), "--parent", str(library.pk), "--dry-run")
    assert "3 trang sẽ tạo" in out
    assert not books_of(library).exists()


def test_the_command_exits_non_zero_and_writes_nothing_on_an_invalid_row(
    library, tmp_path, vietnamese
):
    rows = [list(row) for row in BOOK_ROWS]
    rows[0][3] = "năm 2019"
    path = tmp_path / "sach.csv"
    path.write_bytes(book_csv(rows))
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_sheet", str(path), "--parent", str(library.pk), stdout=io.StringIO(), stderr=err
        )
    assert raised.value.returncode == 1
    assert "Không nhập gì" in str(raised.value)
    assert "Dòng 2, cột “Năm XB”" in err.getvalue()
    assert not books_of(library).exists()

    out, _err = command("import_sheet", str(path), "--parent", str(library.pk), "--keep-valid")
    assert books_of(library).count() == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["missing.csv", "--parent", "{library}"], "không tồn tại"),
        (["{file}", "--parent", "999999"], "999999"),
        (["{file}", "--parent", "{home}"], "Không thể nhập"),
    ],
)
def test_the_command_refuses_what_it_cannot_import(
    library, home_page, tmp_path, args, expected, vietnamese
):
    path = tmp_path / "sach.csv"
    path.write_bytes(book_csv())
    values = {"library": library.pk, "home": home_page.pk, "file": path}
    with pytest.raises(CommandError, match=expected):
        command("import_sheet", *[arg.format(**values) for arg in args])


def test_the_command_refuses_an_unreadable_file(library, tmp_path, vietnamese):
    path = tmp_path / "sach.xlsx"
    path.write_bytes(b"MZ" + bytes(100))
    with pytest.raises(CommandError, match="chương trình"):
        command("import_sheet", str(path), "--parent", str(library.pk))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_export_command_writes_a_file_the_import_reads_back(library, tmp_path, fmt):
    imported(book_csv(), library)
    output = tmp_path / f"sach.{fmt}"
    command("export_sheet", "--parent", str(library.pk), "--format", fmt, "--output", str(output))
    plan = plan_import(read_sheet(output.open("rb"), output.name), library)
    assert plan.counts()["unchanged"] == 3
