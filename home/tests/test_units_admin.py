"""The admin's units screens: who may onboard what, one unit and a sheet of them."""

import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.jobs import BackgroundJob
from home.models import Unit, UnitKind
from home.units import onboard_unit
from home.units_admin import may_manage_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(home_page):
    return onboard_unit(home_page.title, UnitKind.PROVINCE).unit


@pytest.fixture
def district(province):
    return onboard_unit("Quận Gò Vấp", UnitKind.DISTRICT, province).unit


@pytest.fixture
def moderator(district, django_user_model):
    user = django_user_model.objects.create_user("kiemduyet", password="Kiem-duyet-2026")
    user.groups.add(district.moderators)
    return user


def refused(response):
    if response.status_code == 302:
        return response["Location"].startswith(reverse("wagtailadmin_home"))
    return response.status_code in (403, 404)


def test_a_superuser_adds_a_unit_and_sees_its_one_time_password_once(admin_client, province):
    response = admin_client.post(
        reverse("sohoa_units_add"),
        {
            "name": "Quận 7",
            "kind": "district",
            "parent": province.pk,
            "editor_email": "q7@example.vn",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "q7@example.vn" in html and "chỉ hiển thị một lần" in html
    unit = Unit.objects.get(key="quan 7")
    assert unit.parent == province
    listing = admin_client.get(reverse("sohoa_units")).content.decode()
    assert "Quận 7" in listing and province.name in listing


def test_a_bad_unit_is_refused_in_vietnamese_and_the_form_keeps_the_input(admin_client, province):
    response = admin_client.post(
        reverse("sohoa_units_add"),
        {
            "name": "Trường Sơn Ca",
            "kind": "school",
            "parent": province.pk,
            "editor_email": "x@y.vn",
        },
    )
    html = response.content.decode()
    assert "Cấp học" in html and "Trường Sơn Ca" in html
    assert not Unit.objects.filter(key="truong son ca").exists()


def test_a_moderator_onboards_under_their_unit_only(client, moderator, district, province):
    client.force_login(moderator)
    form = client.get(reverse("sohoa_units_add")).content.decode()
    assert "Quận Gò Vấp" in form
    response = client.post(
        reverse("sohoa_units_add"),
        {"name": "Phường 1", "kind": "ward", "parent": province.pk},
    )
    assert not Unit.objects.filter(key="phuong 1").exists()
    assert "home/admin/unit_add.html" in [template.name for template in response.templates]
    client.post(
        reverse("sohoa_units_add"), {"name": "Phường 1", "kind": "ward", "parent": district.pk}
    )
    assert Unit.objects.get(key="phuong 1").parent == district
    listing = client.get(reverse("sohoa_units")).content.decode()
    assert "Phường 1" in listing
    assert reverse("wagtailadmin_explore", args=[province.page_id]) + '"' not in listing


def test_an_editor_reaches_no_units_screen(client, district, django_user_model):
    result = onboard_unit("Trường THCS Sơn Ca", UnitKind.SCHOOL, district, "sonca@example.vn")
    editor = result.editor
    editor.set_password("Mat-khau-rieng-2026")
    editor.save()
    client.force_login(editor)
    for name in ("sohoa_units", "sohoa_units_add", "sohoa_units_import"):
        assert refused(client.get(reverse(name))), name
    assert not may_manage_units(editor)


def units_sheet(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Tên đơn vị", "Loại", "Đơn vị cấp trên", "Email biên tập viên"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("don-vi.xlsx", buffer.getvalue())


def wait_for(job_id, timeout=60):
    job = BackgroundJob(job_id)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if job.status()["state"] in ("done", "failed"):
            return job.status()
        time.sleep(0.2)
    raise AssertionError("the onboarding did not finish")


@pytest.mark.django_db(transaction=True)
def test_a_sheet_is_onboarded_in_the_background_and_passwords_shown_once(admin_client, home_page):
    province = onboard_unit(home_page.title, UnitKind.PROVINCE).unit
    rows = [["Quận 8", "Quận", province.name, "q8@example.vn"]]
    rows += [[f"Trường THCS Số {n}", "Trường", "Quận 8", f"s{n}@example.vn"] for n in range(5)]
    response = admin_client.post(reverse("sohoa_units_import"), {"file": units_sheet(rows)})
    assert response.status_code == 302
    job_id = response["Location"].rstrip("/").split("/")[-1]
    status = wait_for(job_id)
    assert status["state"] == "done", status
    assert Unit.objects.get(key="quan 8").children.count() == 5
    first = admin_client.get(response["Location"]).content.decode()
    assert "s4@example.vn" in first and "<code>" in first
    again = admin_client.get(response["Location"]).content.decode()
    assert "<code>" not in again and "không còn được lưu" in again


@pytest.mark.django_db(transaction=True)
def test_a_sheet_with_problems_makes_nothing_and_lists_them(admin_client, home_page):
    province = onboard_unit(home_page.title, UnitKind.PROVINCE).unit
    rows = [
        ["Quận 9", "Quận", province.name, "q9@example.vn"],
        ["Trường THCS A", "Trường", "Quận Không Có", "a@example.vn"],
    ]
    response = admin_client.post(reverse("sohoa_units_import"), {"file": units_sheet(rows)})
    # Parents are found while onboarding, in the background, in one transaction.
    status = wait_for(response["Location"].rstrip("/").split("/")[-1])
    assert [problem[:2] for problem in status["result"]["problems"]] == [[3, "Đơn vị cấp trên"]]
    assert not Unit.objects.filter(key="quan 9").exists()
    page = admin_client.get(response["Location"]).content.decode()
    assert "Quận Không Có" in page


def test_a_file_that_is_not_a_sheet_is_refused_in_vietnamese(admin_client, province):
    upload = SimpleUploadedFile("don-vi.xlsx", b"MZ\x90\x00" + bytes(300))
    response = admin_client.post(reverse("sohoa_units_import"), {"file": upload})
    assert response.status_code == 400 and "chương trình" in response.content.decode()
