"""The QR screens of the admin: what an editor downloads scans to the right page, and only
the pages an editor may edit are reachable, by menu or by typed URL."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission

from cms.qr.models import QRCode
from cms.tests.qr_decode import decoded_pdf, decoded_png, decoded_svg, pdf_pages
from heritage.tests.factories import StreetIndexPageFactory, StreetPageFactory
from library.tests.factories import BookPageFactory, LibraryPageFactory


@pytest.fixture
def streets(home_page):
    index = StreetIndexPageFactory(parent=home_page, title="Tuyến đường", slug="tuyen-duong")
    for number in range(3):
        street = StreetPageFactory(parent=index, title=f"Đường Lê Lợi {number}")
        QRCode.issue_for(street)
    return index


@pytest.fixture
def street(streets):
    return streets.get_children().first().specific


@pytest.fixture
def library(home_page):
    library = LibraryPageFactory(parent=home_page, title="Thư viện Sơn Ca")
    for number in range(30):
        book = BookPageFactory(
            parent=library, title=f"Dế Mèn phiêu lưu ký – tập {number}", code=f"SC-{number:04d}"
        )
        QRCode.issue_for(book)
    return library


@pytest.fixture
def other_unit_editor(db, django_user_model, home_page):
    """An editor whose unit is a different section than the one under test."""
    unit = StreetIndexPageFactory(parent=home_page, title="Đơn vị khác", slug="don-vi-khac")
    group = Group.objects.create(name="Biên tập đơn vị khác")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=unit, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user("bientap", password="mat-khau-dai-12345")
    user.groups.add(group)
    return user


def short_url(page):
    return QRCode.objects.get(page=page).short_url


def test_qr_page_shows_code_link_and_scans(admin_client, street):
    html = admin_client.get(reverse("sohoa_qr_page", args=[street.pk])).content.decode()
    qr_code = QRCode.objects.get(page=street)
    assert qr_code.code in html
    assert qr_code.short_url in html
    assert "Tổng lượt quét" in html


def test_editor_shows_the_qr_tab(admin_client, street):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[street.pk])).content.decode()
    assert QRCode.objects.get(page=street).code in html
    assert reverse("sohoa_qr_plate", args=[street.pk, "A5"]) in html


def test_new_page_editor_says_the_code_comes_with_publishing(admin_client, streets):
    url = reverse("wagtailadmin_pages:add", args=["heritage", "streetpage", streets.pk])
    assert "khi xuất bản lần đầu" in admin_client.get(url).content.decode()


def test_svg_download_scans_to_the_public_short_link(admin_client, street):
    response = admin_client.get(reverse("sohoa_qr_svg", args=[street.pk]), HTTP_HOST="localhost")
    assert response["Content-Type"] == "image/svg+xml"
    assert decoded_svg(response.content) == [short_url(street)]
    assert short_url(street).startswith("https://sohoa.test/q/")


@pytest.mark.parametrize("size", ["screen", "print"])
def test_png_downloads_scan_to_the_short_link(admin_client, street, size):
    response = admin_client.get(reverse("sohoa_qr_png", args=[street.pk, size]))
    assert response["Content-Type"] == "image/png"
    assert decoded_png(response.content) == [short_url(street)]


@pytest.mark.parametrize("paper", ["A5", "A4"])
def test_plate_download_scans_and_names_page_and_unit(admin_client, street, paper):
    response = admin_client.get(reverse("sohoa_qr_plate", args=[street.pk, paper]))
    [(image, text, _size)] = pdf_pages(response.content)
    assert decoded_pdf(response.content) == [[short_url(street)]]
    assert street.title in " ".join(text.split())
    assert "Đoàn TNCS Hồ Chí Minh" in " ".join(text.split())


def test_unknown_sizes_and_papers_are_not_found(admin_client, street):
    assert admin_client.get(reverse("sohoa_qr_png", args=[street.pk, "huge"])).status_code == 404
    assert admin_client.get(reverse("sohoa_qr_plate", args=[street.pk, "A3"])).status_code == 404


def wait_for_sheet(client, location, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(location + "?format=json").json()
        if status["state"] != "running":
            return status
        time.sleep(0.2)
    raise AssertionError("the sheet never finished")


def test_library_label_sheet_prints_every_book_with_progress(admin_client, library):
    response = admin_client.post(
        reverse("sohoa_qr_sheet_start", args=[library.pk]), {"grid": "3x8", "paper": "A4"}
    )
    assert response.status_code == 302
    progress_page = admin_client.get(response["Location"])
    assert "<progress" in progress_page.content.decode()
    status = wait_for_sheet(admin_client, response["Location"])
    assert status == {**status, "state": "done", "done": 30, "total": 30}

    pdf = admin_client.get(response["Location"] + "download/")
    found = {text for page in decoded_pdf(b"".join(pdf.streaming_content)) for text in page}
    expected = set(
        QRCode.objects.filter(page__in=library.get_children()).values_list("code", flat=True)
    )
    assert {text.rsplit("/", 1)[1] for text in found} == expected


def test_index_sheet_prints_a_plate_per_child(admin_client, streets):
    response = admin_client.post(
        reverse("sohoa_qr_sheet_start", args=[streets.pk]), {"paper": "A5"}
    )
    wait_for_sheet(admin_client, response["Location"])
    pdf = b"".join(admin_client.get(response["Location"] + "download/").streaming_content)
    pages = decoded_pdf(pdf)
    assert len(pages) == 3
    assert all(len(codes) == 1 for codes in pages)


@pytest.mark.parametrize("grid", ["0x8", "7x8", "abc", ""])
def test_a_bad_grid_is_refused_in_vietnamese_and_prints_nothing(admin_client, library, grid):
    response = admin_client.post(reverse("sohoa_qr_sheet_start", args=[library.pk]), {"grid": grid})
    assert response.status_code == 400
    assert "nhãn" in response.content.decode()


def test_editor_of_another_unit_reaches_nothing_by_url(client, other_unit_editor, street, library):
    client.force_login(other_unit_editor)
    urls = [
        reverse("sohoa_qr_page", args=[street.pk]),
        reverse("sohoa_qr_svg", args=[street.pk]),
        reverse("sohoa_qr_png", args=[street.pk, "screen"]),
        reverse("sohoa_qr_plate", args=[street.pk, "A4"]),
    ]
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    assert client.post(reverse("sohoa_qr_sheet_start", args=[library.pk])).status_code in (302, 403)


def test_someone_elses_sheet_cannot_be_downloaded(admin_client, client, django_user_model, library):
    response = admin_client.post(
        reverse("sohoa_qr_sheet_start", args=[library.pk]), {"grid": "3x8"}
    )
    wait_for_sheet(admin_client, response["Location"])
    other = django_user_model.objects.create_superuser("quantri2", password="mat-khau-dai-12345")
    client.force_login(other)
    assert client.get(response["Location"] + "download/").status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, street):
    response = client.get(reverse("sohoa_qr_svg", args=[street.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@override_settings(SITE_BASE_URL="http://127.0.0.1:8000")
def test_admin_warns_loudly_when_the_public_origin_is_local(admin_client, street):
    for url in [reverse("wagtailadmin_home"), reverse("sohoa_qr_page", args=[street.pk])]:
        html = admin_client.get(url).content.decode()
        assert "Cảnh báo: mã QR in ra sẽ không dùng được" in html, url
