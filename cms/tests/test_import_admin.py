"""Importing a spreadsheet from the admin: upload, preview with every problem, import in the
background with progress, export; and only for editors who may add pages there."""

import io
import time

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission

from cms.jobs import BackgroundJob
from heritage.tests.factories import StreetIndexPageFactory
from library.models import BookPage
from library.tests.factories import LibraryPageFactory

GOOD_SHEET = (
    "DANH MỤC SÁCH THƯ VIỆN TRƯỜNG THCS SƠN CA\n"
    "\n"
    "STT,Tên sách,Tác giả,Nhà xuất bản,Năm XB,Mã sách\n"
    "1,Dế Mèn phiêu lưu ký,Tô Hoài,Kim Đồng,2020,SC-0001\n"
    "2,Đất rừng phương Nam,Đoàn Giỏi,Kim Đồng,2019,SC-0002\n"
    "3,Tắt đèn,Ngô Tất Tố,Văn học,2018,SC-0003\n"
)
SHEET_WITH_A_BAD_YEAR = GOOD_SHEET.replace("2019", "20199")


def csv_upload(text, name="sach.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page, title="Thư viện Sơn Ca")


def upload(client, library, text, name="sach.csv"):
    url = reverse("sohoa_import", args=[library.pk])
    return client.post(url, {"file": csv_upload(text, name)})


def wait_until_done(progress_url, timeout=60):
    """Follow the job's status file while the import runs: SQLite's in-memory test database
    locks whole tables, so a request reading pages meanwhile would fail where a file
    database in WAL mode (the settings') would not."""
    job = BackgroundJob(progress_url.rstrip("/").split("/")[-2])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = job.status()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError("the import did not finish")


def test_the_library_offers_import_and_export(admin_client, library):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[library.pk])).content.decode()
    assert reverse("sohoa_import", args=[library.pk]) in edit
    form = admin_client.get(reverse("sohoa_import", args=[library.pk]))
    assert form.status_code == 200
    assert "Nhập từ bảng tính" in form.content.decode()


def test_the_preview_shows_the_mapping_and_counts_and_writes_nothing(admin_client, library):
    response = upload(admin_client, library, GOOD_SHEET)
    assert response.status_code == 302
    preview = admin_client.get(response["Location"])
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Tên sách" in html and "Dế Mèn phiêu lưu ký" in html
    assert BookPage.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_importing_runs_in_the_background_and_reports(admin_client, home_page):
    library = LibraryPageFactory(parent=home_page, title="Thư viện Sơn Ca")
    preview_url = upload(admin_client, library, GOOD_SHEET)["Location"]
    run = admin_client.post(preview_url + "run/")
    assert run.status_code == 302
    status = wait_until_done(run["Location"])
    assert status["state"] == "done", status
    progress = admin_client.get(run["Location"], {"format": "json"}).json()
    assert progress == {"state": "done", "done": 3, "total": 3, "stage": "write"}
    assert sorted(BookPage.objects.child_of(library).values_list("code", flat=True)) == [
        "SC-0001",
        "SC-0002",
        "SC-0003",
    ]
    report = admin_client.get(run["Location"]).content.decode()
    assert "3" in report and "nhập" in report.lower()


@pytest.mark.django_db(transaction=True)
def test_the_result_lists_the_links_that_stayed_links(admin_client, home_page, file_server):
    library = LibraryPageFactory(parent=home_page, title="Thư viện Sơn Ca")
    file_server.routes["/doc-online.html"] = (200, {"Content-Type": "text/html"}, b"<html>")
    sheet = f"Tên sách,Mã sách,Link ebook\nDế Mèn,SC-1,{file_server.url}/doc-online.html\n"
    preview_url = upload(admin_client, library, sheet)["Location"]
    preview = admin_client.get(preview_url).content.decode()
    assert "sẽ được tải về khi nhập" in preview
    run = admin_client.post(preview_url + "run/")
    assert wait_until_done(run["Location"])["state"] == "done"
    report = admin_client.get(run["Location"]).content.decode()
    assert "Các link không tải được tệp" in report
    assert "không phải tệp PDF hay EPUB" in report and "Link ebook" in report


def test_a_bad_row_is_shown_and_blocks_a_plain_import(admin_client, library):
    preview_url = upload(admin_client, library, SHEET_WITH_A_BAD_YEAR)["Location"]
    html = admin_client.get(preview_url).content.decode()
    assert "20199" in html or "Năm XB" in html
    assert 'name="keep_valid"' in html
    refused = admin_client.post(preview_url + "run/")
    assert refused["Location"].rstrip("/").endswith(preview_url.rstrip("/"))
    assert BookPage.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_vietnamese(admin_client, library):
    url = reverse("sohoa_import", args=[library.pk])
    executable = SimpleUploadedFile("sach.xlsx", b"MZ\x90\x00" + bytes(range(256)) * 8)
    response = admin_client.post(url, {"file": executable})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert BookPage.objects.count() == 0


def test_an_empty_library_offers_the_empty_sheet_to_fill_in(admin_client, library):
    form = admin_client.get(reverse("sohoa_import", args=[library.pk])).content.decode()
    assert "Tải bảng tính Excel mẫu" in form
    response = admin_client.get(reverse("sohoa_export", args=[library.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Tên sách", "Phụ đề", "Tác giả"]
    assert {"Mã sách", "Link đọc sách", "Link ảnh bìa"} <= set(headers)
    assert sheet.max_row == 1


def test_no_file_is_refused(admin_client, library):
    response = admin_client.post(reverse("sohoa_import", args=[library.pk]))
    assert response.status_code == 400


def test_export_gives_the_import_headers(admin_client, library):
    response = admin_client.get(reverse("sohoa_export", args=[library.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert "Tên sách" in " ".join(str(header) for header in headers if header)
    csv = admin_client.get(reverse("sohoa_export", args=[library.pk, "csv"]))
    assert csv.status_code == 200


@pytest.fixture
def other_unit_editor(db, django_user_model, home_page):
    unit = StreetIndexPageFactory(parent=home_page, title="Đơn vị khác", slug="don-vi-khac")
    group = Group.objects.create(name="Biên tập đơn vị khác")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=unit, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("bientap", password="mat-khau-dai-12345")
    user.groups.add(group)
    return user


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def test_another_units_editor_reaches_nothing_by_url(
    client, admin_client, other_unit_editor, library
):
    preview_url = upload(admin_client, library, GOOD_SHEET)["Location"]
    client.force_login(other_unit_editor)
    assert refused(client.get(reverse("sohoa_import", args=[library.pk])))
    assert refused(upload(client, library, GOOD_SHEET))
    assert refused(client.get(preview_url))
    assert refused(client.post(preview_url + "run/"))
    assert refused(client.get(reverse("sohoa_export", args=[library.pk, "csv"])))
    assert BookPage.objects.count() == 0


def test_someone_elses_upload_is_not_found(admin_client, client, django_user_model, library):
    preview_url = upload(admin_client, library, GOOD_SHEET)["Location"]
    other_admin = django_user_model.objects.create_superuser("admin2", password="mat-khau-12345")
    client.force_login(other_admin)
    assert client.get(preview_url).status_code == 404


def test_pages_that_take_no_rows_offer_no_import(admin_client, home_page):
    assert admin_client.get(reverse("sohoa_import", args=[home_page.pk])).status_code == 404
