"""Printed codes keep working: issued on publish, redirecting to wherever the page is now."""

import re
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.models import Page, get_page_models

from cms.qr.codes import ALPHABET
from cms.qr.models import QRCode, QRScanDay
from heritage.tests.factories import StreetIndexPageFactory, StreetPageFactory

PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
CODE_RE = re.compile(rf"^[{ALPHABET}]{{5,7}}$")


@pytest.fixture
def streets(home_page):
    return StreetIndexPageFactory(parent=home_page, title="Tuyến đường", slug="tuyen-duong")


@pytest.fixture
def street(streets):
    page = StreetPageFactory(parent=streets, title="Đường Hoàng Hoa Thám", slug="hoang-hoa-tham")
    page.save_revision().publish()
    return page


def scan(client, code, **headers):
    return client.get(f"/q/{code}", HTTP_USER_AGENT=headers.pop("ua", PHONE), **headers)


def test_publishing_a_page_issues_a_readable_code_once(street):
    qr_code = QRCode.objects.get(page=street)
    assert CODE_RE.match(qr_code.code)
    assert not set(qr_code.code) & set("0O1IL")
    street.title = "Đường Hoàng Hoa Thám (mới)"
    street.save_revision().publish()
    assert QRCode.objects.filter(page=street).get().code == qr_code.code


def required_choices(model):
    """A valid value for each required choice field, so any page kind can be published."""
    return {
        field.name: field.choices[0][0]
        for field in model._meta.get_fields()
        if getattr(field, "choices", None) and not field.blank and not field.has_default()
    }


def test_every_page_kind_gets_a_code_on_first_publish(home_page):
    """Any page kind, present or future, is covered by the publish signal, not per-model code."""
    kinds = [model for model in get_page_models() if model is not Page]
    for model in kinds:
        page = model(title=f"Thử {model.__name__}", live=False, **required_choices(model))
        Page.get_first_root_node().add_child(instance=page)
        assert not QRCode.objects.filter(page=page).exists()
        page.save_revision().publish()
        assert QRCode.objects.filter(page=page).exists(), model


def test_short_link_redirects_with_302_to_the_public_origin(client, street):
    code = QRCode.objects.get(page=street).code
    response = scan(client, code, HTTP_HOST="localhost")
    assert response.status_code == 302
    assert response["Location"] == "https://sohoa.test/tuyen-duong/hoang-hoa-tham/"


@pytest.mark.parametrize("variant", ["lower", "slash", "upper-q", "spaces"])
def test_short_link_forgives_how_the_code_is_typed(client, street, variant):
    code = QRCode.objects.get(page=street).code
    path = {
        "lower": f"/q/{code.lower()}",
        "slash": f"/q/{code}/",
        "upper-q": f"/Q/{code}",
        "spaces": f"/q/{code[:3]}-{code[3:]}",
    }[variant]
    response = client.get(path, HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert response["Location"].endswith("/tuyen-duong/hoang-hoa-tham/")


def test_renamed_reslugged_and_moved_page_keeps_its_printed_code(client, home_page, street):
    code = QRCode.objects.get(page=street).code
    street.title = "Đường Hoàng Hoa Thám – Tân Bình"
    street.slug = "hoang-hoa-tham-tan-binh"
    street.save_revision().publish()
    other_index = StreetIndexPageFactory(parent=home_page, title="Đường cũ", slug="duong-cu")
    Page.objects.get(pk=street.pk).move(other_index, pos="last-child")

    response = scan(client, code)
    assert response.status_code == 302
    assert response["Location"] == "https://sohoa.test/duong-cu/hoang-hoa-tham-tan-binh/"
    assert client.get(response["Location"].removeprefix("https://sohoa.test")).status_code == 200


def test_unpublished_page_answers_politely_that_it_is_being_updated(client, street):
    code = QRCode.objects.get(page=street).code
    street.unpublish()
    response = scan(client, code)
    assert response.status_code == 404
    assert "đang cập nhật" in response.content.decode().lower()
    assert not QRScanDay.objects.exists()


def test_deleted_page_answers_gone_with_search_and_a_way_back(client, streets, street):
    code = QRCode.objects.get(page=street).code
    Page.objects.get(pk=street.pk).delete()
    response = scan(client, code)
    html = response.content.decode()
    assert response.status_code == 410
    assert 'name="q"' in html
    assert 'href="/tuyen-duong/"' in html
    assert "Đường Hoàng Hoa Thám" in html
    # The code is never handed to another page.
    assert QRCode.objects.filter(code=code, page__isnull=True).exists()


def test_deleting_a_whole_section_points_to_the_nearest_surviving_page(client, streets, street):
    code = QRCode.objects.get(page=street).code
    Page.objects.get(pk=streets.pk).delete()
    response = scan(client, code)
    assert response.status_code == 410
    assert 'href="/"' in response.content.decode()


@pytest.mark.parametrize("typed", ["ZZZZZ", "abc", "O0IL1", "x" * 40])
def test_unknown_code_answers_404_with_a_search_box(client, db, typed):
    response = scan(client, typed)
    assert response.status_code == 404
    assert 'name="q"' in response.content.decode()


def test_look_alike_characters_get_a_hint(client, db):
    html = scan(client, "7KXO2").content.decode()
    assert "chữ O" in html


def test_a_scan_counts_once_for_the_day(client, street):
    qr_code = QRCode.objects.get(page=street)
    scan(client, qr_code.code)
    scan(client, qr_code.code)
    assert qr_code.scans_total() == 2
    assert QRScanDay.objects.get(qr_code=qr_code).count == 2


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "head"},
        {"ua": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"ua": "facebookexternalhit/1.1"},
        {"ua": "curl/8.5.0"},
        {"ua": ""},
        {"HTTP_SEC_PURPOSE": "prefetch"},
    ],
    ids=["head", "googlebot", "facebook-preview", "curl", "no-user-agent", "prefetch"],
)
def test_bots_heads_and_prefetches_are_not_counted(client, street, request_kwargs):
    code = QRCode.objects.get(page=street).code
    kwargs = dict(request_kwargs)
    method = kwargs.pop("method", "get")
    user_agent = kwargs.pop("ua", PHONE)
    response = getattr(client, method)(f"/q/{code}", HTTP_USER_AGENT=user_agent, **kwargs)
    assert response.status_code == 302
    assert not QRScanDay.objects.exists()


def test_zalo_in_app_browser_is_a_person(client, street):
    code = QRCode.objects.get(page=street).code
    zalo = f"{PHONE} Zalo android/12100734 ZaloTheme/light ZaloLanguage/vi"
    scan(client, code, ua=zalo)
    assert QRScanDay.objects.get().count == 1


def test_nothing_about_the_scanner_is_stored(client, street):
    scan(client, QRCode.objects.get(page=street).code, REMOTE_ADDR="203.0.113.7")
    columns = {field.name for field in QRScanDay._meta.get_fields()}
    assert columns == {"id", "qr_code", "day", "count"}


@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_lose_no_count(home_page):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "the in-memory test database refuses concurrent writers at once (SQLITE_LOCKED), "
            "where the site's file database makes them wait: run on PostgreSQL by make test"
        )
    page = home_page.add_child(instance=StreetIndexPageFactory.build(title="Đua"))
    qr_code = QRCode.issue_for(page)
    threads, per_thread, errors = 8, 25, []

    def scanner():
        try:
            for _ in range(per_thread):
                QRScanDay.count_one(qr_code)
        except Exception as error:  # collected and reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=scanner) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert qr_code.scans_total() == threads * per_thread


def test_qr_issue_command_gives_codes_to_pages_published_before_qr_existed(street, capsys):
    QRCode.objects.all().delete()
    live_pages = Page.objects.live().filter(depth__gt=1)
    call_command("qr_issue")
    assert QRCode.objects.filter(page=street).exists()
    assert set(QRCode.objects.values_list("page_id", flat=True)) == set(
        live_pages.values_list("pk", flat=True)
    )
    assert f"Đã cấp {live_pages.count()} mã QR mới" in capsys.readouterr().out
    call_command("qr_issue")
    assert "Đã cấp 0 mã QR mới" in capsys.readouterr().out


@override_settings(SITE_BASE_URL="")
def test_missing_public_origin_is_a_system_check_warning():
    from cms.checks import check_site_base_url

    with override_settings(DEBUG=False):
        warnings = check_site_base_url(None)
    assert [w.id for w in warnings] == ["sohoa.W001"]
