"""The e-library from one end to the other, in a real browser: a school's editor imports the
teacher's messy Excel list through the admin, and a student reads an imported book on a phone.
"""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl.styles import Font
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission

from library.models import BookPage
from library.tests.factories import LibraryPageFactory
from library.tests.test_reader import epub_book, multi_page_pdf
from library.tests.test_reader_browser import drawn_pixels, open_reader, phone  # noqa: F401
from tests.conftest import browser  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PASSWORD = "Thu-vien-Son-Ca-2026"


def teachers_list(link):
    """The list as a teacher keeps it: a merged title line, a blank row, an STT column,
    headers her own way, a year typed wrong, e-book links to the district's file server."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH MỤC SÁCH THƯ VIỆN TRƯỜNG THCS SƠN CA"])
    sheet.merge_cells("A1:G1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["(Cập nhật tháng 11/2026)"])
    sheet.append([])
    sheet.append(["STT", "Nhan đề", "Tác giả", "NXB", "Năm XB", "Số ĐKCB", "Link ebook"])
    sheet.append(
        [1, "Dế Mèn phiêu lưu ký", "Tô Hoài", "Kim Đồng", 2020, "SC-0001", link("de-men.pdf")]
    )
    sheet.append([2, "Truyện Kiều", "Nguyễn Du", "Văn học", 2019, "SC-0002", link("kieu.epub")])
    sheet.append([3, "Tắt đèn", "Ngô Tất Tố", "Văn học", "năm 2018", "SC-0003", ""])
    sheet.append([])
    sheet.append([4, "Đất rừng phương Nam", "Đoàn Giỏi", "Kim Đồng", 2018, "SC-0004", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def library_editor(home_page, django_user_model):
    library = LibraryPageFactory(parent=home_page, title="Thư viện THCS Sơn Ca")
    group = Group.objects.create(name="Biên tập Thư viện Sơn Ca")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=library, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("thuvien.sonca", password=PASSWORD)
    user.groups.add(group)
    return library, user


def test_an_editor_imports_a_messy_list_and_a_student_reads_a_book_on_a_phone(
    browser,  # noqa: F811
    phone,  # noqa: F811
    live_server,
    file_server,
    library_editor,
    tmp_path,
):
    library, editor = library_editor
    file_server.routes.update(
        {
            "/sach/de-men.pdf": (200, {"Content-Type": "application/pdf"}, multi_page_pdf(3)),
            "/sach/kieu.epub": (
                200,
                {"Content-Type": "application/epub+zip"},
                epub_book([("Chương một", ["Trăm năm trong cõi người ta"])]),
            ),
        }
    )
    sheet = tmp_path / "Danh muc sach 2026.xlsx"
    sheet.write_bytes(teachers_list(lambda name: f"{file_server.url}/sach/{name}"))

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    admin = context.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.get_by_label("Tên đăng nhập").fill(editor.username)
    admin.get_by_label("Mật khẩu").fill(PASSWORD)
    admin.get_by_role("button", name="Đăng nhập").click()
    admin.goto(f"{live_server.url}/admin/pages/{library.pk}/")
    # The page's actions menu ("⋯" beside the title) holds the import.
    admin.locator("header button.w-dropdown__toggle").first.click()
    admin.get_by_role("link", name="Nhập từ bảng tính").click()

    admin.locator("input[type=file]").set_input_files(str(sheet))
    admin.get_by_role("button", name="Kiểm tra tệp").click()
    # The preview: how the columns were read, the downloads to come, the row to correct.
    expect(admin.get_by_role("heading", name="Kiểm tra trước khi nhập")).to_be_visible()
    expect(admin.locator("body")).to_contain_text("sẽ được tải về khi nhập")
    problems = admin.locator("#problems + div + table")
    expect(problems).to_contain_text("năm 2018")
    expect(problems.locator("tr", has_text="năm 2018").locator("td").first).to_have_text("7")
    assert not BookPage.objects.exists()

    admin.get_by_role("button", name="Chỉ nhập các dòng không có lỗi").click()
    expect(admin.get_by_role("heading", name="Kết quả nhập")).to_be_visible(timeout=60_000)
    result = admin.locator(".sohoa-import__counts")
    expect(result).to_contain_text("Đã thêm 3 trang")
    expect(result).to_contain_text("Đã tải 2 sách điện tử và ảnh bìa từ link")
    context.close()

    books = {book.title: book for book in BookPage.objects.child_of(library)}
    assert sorted(books) == ["Dế Mèn phiêu lưu ký", "Truyện Kiều", "Đất rừng phương Nam"]

    phone.goto(live_server.url + books["Dế Mèn phiêu lưu ký"].url)
    open_reader(phone)
    position = phone.locator("[data-reader-position]")
    expect(position).to_have_text("1 / 3")
    assert drawn_pixels(phone) > 3_000  # "Trang 1" in large type; a blank canvas has 0
    phone.locator("[data-reader-action=next]").click()
    expect(position).to_have_text("2 / 3")

    phone.goto(live_server.url + books["Truyện Kiều"].url)
    open_reader(phone)
    text = phone.frame_locator("dialog.reader iframe").locator("body")
    expect(text).to_contain_text("Trăm năm trong cõi người ta")
