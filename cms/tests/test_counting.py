"""Page views and e-book opens are counted per page per day, aggregated in memory, written by
adding to the day's row, and never about the visitor."""

import datetime
import threading
import time
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction

from cms import counting
from cms.counting import (
    QR_SCANS,
    CountKind,
    HitBuffer,
    PageCountDay,
    counts_by_day,
    counts_by_page,
    counts_by_subtree,
    flush_counts,
)
from cms.qr.models import QRCode, QRScanDay
from heritage.models import StreetPage
from heritage.tests.factories import StreetIndexPageFactory, StreetPageFactory
from library.tests.factories import BookPageFactory, LibraryPageFactory
from library.tests.test_reader import ebook_document, multi_page_pdf

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
VIEW, OPEN = CountKind.VIEW, CountKind.EBOOK_OPEN


@pytest.fixture(autouse=True)
def counting_on(settings):
    """Counting on, with thresholds no test reaches unless it lowers them: hits are written
    when the test says so (flush_counts), never by the background writer in the middle."""
    settings.SOHOA_COUNTING = True
    settings.SOHOA_COUNT_FLUSH_SECONDS = 3600
    settings.SOHOA_COUNT_FLUSH_HITS = 10**9
    counting.hits.discard()
    yield settings
    counting.hits.discard()


@pytest.fixture
def visit(client, django_capture_on_commit_callbacks):
    """Request a URL as a phone would (or with other headers), then run what waits for the
    test's transaction to commit: hits are counted after commit, and a test never commits."""

    def visit(url, method="get", ua=PHONE, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return getattr(client, method)(url, HTTP_USER_AGENT=ua, **headers)

    return visit


@pytest.fixture
def streets(home_page):
    return StreetIndexPageFactory(parent=home_page, title="Tuyến đường", slug="tuyen-duong")


@pytest.fixture
def street(streets):
    return StreetPageFactory(parent=streets, title="Đường Hoàng Hoa Thám", slug="hoang-hoa-tham")


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page)


@pytest.fixture
def book(library):
    content = multi_page_pdf(pages=2, noise_bytes_per_page=100_000)
    return BookPageFactory(parent=library, ebook=ebook_document(content, "de-men.pdf"))


def counted(page, kind=VIEW):
    """What the daily table holds for the page after writing what waits."""
    flush_counts()
    return sum(PageCountDay.objects.filter(page=page, kind=kind).values_list("count", flat=True))


def vietnam_today():
    return timezone.localdate(timezone=datetime.timezone(datetime.timedelta(hours=7)))


# Page views ------------------------------------------------------------------------------------


def test_each_successful_page_view_by_a_person_is_counted_once(visit, street):
    for _ in range(3):
        assert visit(street.url).status_code == 200
    assert counted(street) == 3
    row = PageCountDay.objects.get(page=street)
    assert (row.kind, row.day, row.count) == (VIEW, vietnam_today(), 3)


def test_views_of_many_pages_are_one_row_per_page_and_day(visit, streets, street):
    for _ in range(5):
        visit(street.url)
        visit(streets.url)
    flush_counts()
    assert sorted(PageCountDay.objects.values_list("page_id", "count")) == sorted(
        [(street.pk, 5), (streets.pk, 5)]
    )


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "head"},
        {"ua": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"ua": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"},
        {"ua": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"},
        {"ua": "TelegramBot (like TwitterBot)"},
        {"ua": "Mozilla/5.0 (compatible; link preview fetcher)"},
        {"ua": "curl/8.5.0"},
        {"ua": "Wget/1.21.3"},
        {"ua": "python-requests/2.32.3"},
        {"ua": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/150.0 Safari"},
        {"ua": ""},
        {"HTTP_SEC_PURPOSE": "prefetch"},
    ],
    ids=[
        "head",
        "googlebot",
        "bingbot",
        "facebook-preview",
        "telegram-preview",
        "a-preview-fetcher",
        "curl",
        "wget",
        "python-requests",
        "headless-chrome",
        "no-user-agent",
        "prefetch",
    ],
)
def test_bots_heads_and_prefetches_are_not_views(visit, street, request_kwargs):
    assert visit(street.url, **request_kwargs).status_code == 200
    assert counted(street) == 0


def test_the_zalo_in_app_browser_is_a_person(visit, street):
    visit(street.url, ua=f"{PHONE} Zalo android/12100734 ZaloTheme/light ZaloLanguage/vi")
    assert counted(street) == 1


def test_pages_that_do_not_answer_200_are_not_counted(visit, street):
    assert visit(street.url + "khong-co/").status_code == 404
    street.unpublish()
    assert visit(street.url).status_code == 404
    flush_counts()
    assert not PageCountDay.objects.exists()


def test_a_page_that_fails_while_rendering_is_not_counted(visit, street, monkeypatch):
    def broken_serve(self, request, *args, **kwargs):
        return TemplateResponse(request, "heritage/no_such_template.html", {})

    monkeypatch.setattr(StreetPage, "serve", broken_serve)
    with pytest.raises(Exception, match="no_such_template"):
        visit(street.url)
    assert counted(street) == 0


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD]
)
def test_private_pages_are_not_counted_even_for_those_let_in(
    visit, client, superuser, streets, street, restriction_type
):
    PageViewRestriction.objects.create(
        page=streets, restriction_type=restriction_type, password="mat-khau-doc"
    )
    # Refused: the login redirect, or the password form (which Wagtail answers with 200).
    assert visit(street.url).status_code in (200, 302)
    client.force_login(superuser)
    if restriction_type == PageViewRestriction.PASSWORD:
        restriction = PageViewRestriction.objects.get()
        client.post(
            reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, street.pk]),
            {"password": "mat-khau-doc", "return_url": street.url},
        )
    # Let in: the page itself, still not a public view.
    response = visit(street.url)
    assert response.status_code == 200 and "Hoàng Hoa Thám" in response.content.decode()
    assert counted(street) == 0


def test_previews_and_the_admin_are_not_views(visit, admin_client, street):
    response = visit(reverse("wagtailadmin_pages:view_draft", args=[street.pk]))
    assert response.status_code == 200
    assert visit(reverse("wagtailadmin_pages:edit", args=[street.pk])).status_code == 200
    assert visit(reverse("wagtailadmin_home")).status_code == 200
    flush_counts()
    assert not PageCountDay.objects.exists()


def test_the_day_is_the_vietnamese_day_whatever_the_active_time_zone(visit, street):
    # 17:30 UTC on 25 November is 00:30 on 26 November in Hồ Chí Minh City.
    late_evening_utc = datetime.datetime(2026, 11, 25, 17, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        timezone.activate("UTC")
        try:
            visit(street.url)
        finally:
            timezone.deactivate()
    flush_counts()
    assert PageCountDay.objects.get().day == datetime.date(2026, 11, 26)


def test_counting_switched_off_counts_nothing(visit, counting_on, street, book):
    counting_on.SOHOA_COUNTING = False
    visit(street.url)
    visit(book.url)
    visit(book.ebook_url())
    assert counting.hits.pending == 0
    flush_counts()
    assert not PageCountDay.objects.exists()


def test_nothing_about_the_visitor_is_stored(visit, street):
    visit(street.url, REMOTE_ADDR="203.0.113.7", HTTP_COOKIE="sessionid=abc")
    columns = {field.name for field in PageCountDay._meta.get_fields()}
    assert columns == {"id", "page", "day", "kind", "count", "former_title", "former_path"}
    assert counted(street) == 1
    stored = " ".join(str(value) for value in PageCountDay.objects.values().get().values())
    assert "203.0.113.7" not in stored and "Android" not in stored and "abc" not in stored


# E-book opens ----------------------------------------------------------------------------------


def test_an_ebook_reading_is_counted_once_however_many_ranges_it_asks(visit, book):
    """What PDF.js does (measured in Chromium): the whole file without a Range, cancelled once
    it sees that ranges are served, then 64 KB ranges, the first one from byte 0."""
    assert visit(book.ebook_url()).status_code == 200
    for byte_range in ("bytes=0-65535", "bytes=65536-131071", "bytes=-1024"):
        assert visit(book.ebook_url(), HTTP_RANGE=byte_range).status_code == 206
    assert counted(book, OPEN) == 1
    assert counted(book, VIEW) == 0


def test_reopening_a_cached_ebook_is_another_reading(visit, book):
    etag = visit(book.ebook_url())["ETag"]
    assert visit(book.ebook_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert counted(book, OPEN) == 2


@pytest.mark.parametrize(
    "request_kwargs",
    [{"method": "head"}, {"ua": "facebookexternalhit/1.1"}, {"ua": "curl/8.5.0"}, {"ua": ""}],
    ids=["head", "preview", "curl", "no-user-agent"],
)
def test_ebook_requests_by_bots_or_heads_are_not_readings(visit, book, request_kwargs):
    assert visit(book.ebook_url(), **request_kwargs).status_code == 200
    assert counted(book, OPEN) == 0


def test_the_book_page_and_its_ebook_are_counted_apart(visit, book):
    visit(book.url)
    visit(book.ebook_url())
    visit(book.ebook_url())
    assert (counted(book, VIEW), counted(book, OPEN)) == (1, 2)


# Writing ---------------------------------------------------------------------------------------


def test_a_flush_adds_to_the_rows_already_written(street):
    day = datetime.date(2026, 11, 20)
    PageCountDay.objects.create(page=street, day=day, kind=VIEW, count=5)
    counting.hits.add(street.pk, day, VIEW, hits=3)
    assert flush_counts() == 3
    counting.hits.add(street.pk, day, VIEW)
    counting.hits.add(street.pk, day, OPEN)
    assert flush_counts() == 2
    assert PageCountDay.objects.get(page=street, kind=VIEW).count == 9
    assert PageCountDay.objects.get(page=street, kind=OPEN).count == 1
    assert flush_counts() == 0


def test_hits_of_a_page_deleted_before_the_flush_are_dropped_and_the_rest_written(streets, street):
    day = datetime.date(2026, 11, 20)
    counting.hits.add(street.pk, day, VIEW, hits=4)
    counting.hits.add(streets.pk, day, VIEW, hits=2)
    street.delete()
    flush_counts()
    assert list(PageCountDay.objects.values_list("page_id", "count")) == [(streets.pk, 2)]
    assert counting.hits.pending == 0


def test_counts_that_could_not_be_written_are_kept_for_the_next_flush(street, monkeypatch):
    day = datetime.date(2026, 11, 20)
    counting.hits.add(street.pk, day, VIEW, hits=7)

    def database_down(batch):
        raise OperationalError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(counting, "write_counts", database_down)
        with pytest.raises(OperationalError):
            flush_counts()
    assert counting.hits.pending == 7
    counting.hits.add(street.pk, day, VIEW)
    assert flush_counts() == 8
    assert PageCountDay.objects.get().count == 8


def test_counts_made_against_another_database_are_not_written_to_this_one(street):
    buffer = HitBuffer()
    buffer.add(street.pk, datetime.date(2026, 11, 20), VIEW)
    # As after the test runner has put the developer's database back, at exit.
    buffer._database = "another-database"
    assert buffer.flush() == 0
    assert not PageCountDay.objects.exists()


def test_the_flush_counts_command_writes_and_reports_today(street):
    counting.hits.add(street.pk, vietnam_today(), VIEW, hits=2)
    counting.hits.add(street.pk, vietnam_today(), OPEN)
    QRScanDay.count_one(QRCode.issue_for(street), day=vietnam_today())
    output = StringIO()
    with translation.override("en"):
        call_command("flush_counts", stdout=output)
    assert "Counts written: 3." in output.getvalue()
    assert "2 page views, 1 e-book opens, 1 QR scans" in output.getvalue()


# Concurrency (real threads, real flushes, committed data) ---------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_lose_nothing_while_the_writer_flushes(home_page, counting_on, monkeypatch):
    pages = [StreetIndexPageFactory(parent=home_page, title=f"Đường {n}") for n in range(3)]
    counting_on.SOHOA_COUNT_FLUSH_HITS = 40
    counting_on.SOHOA_COUNT_FLUSH_SECONDS = 0.05
    writes = []
    real_write = counting.write_counts
    monkeypatch.setattr(
        counting, "write_counts", lambda batch: (writes.append(1), real_write(batch))
    )
    threads, per_thread, errors = 8, 300, []

    def reader(number):
        try:
            for hit in range(per_thread):
                kind = VIEW if hit % 3 else OPEN
                counting.count_hit(kind, pages[(number + hit) % 3].pk)
        except Exception as error:  # collected and reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    flush_counts()
    assert errors == []
    assert len(writes) > 1, "the background writer never wrote while hits arrived"
    totals = dict(PageCountDay.objects.values_list("kind").annotate(total=Sum("count")).order_by())
    assert totals == {VIEW: threads * per_thread * 2 // 3, OPEN: threads * per_thread // 3}
    # Aggregated: one row per page, day and kind, however many hits.
    assert PageCountDay.objects.count() <= 3 * 2 * 2  # a midnight may split a day in two


@pytest.mark.django_db(transaction=True)
def test_two_processes_writing_the_same_rows_at_once_add_up(home_page):
    """Two server processes (here two buffers in two threads) flushing the same page's row
    again and again: the upsert adds, so no count is lost to a race."""
    page = StreetIndexPageFactory(parent=home_page, title="Đường chung")
    day = datetime.date(2026, 11, 20)
    rounds, per_round, errors = 60, 5, []

    def process():
        buffer = HitBuffer()
        try:
            for _ in range(rounds):
                buffer.add(page.pk, day, VIEW, hits=per_round)
                while buffer.pending:
                    try:
                        buffer.flush()
                    except OperationalError:
                        # SQLite's shared in-memory test database refuses a second writer
                        # outright instead of waiting; a file database waits.
                        time.sleep(0.001)
        except Exception as error:  # collected and reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=process) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert PageCountDay.objects.get(page=page).count == 2 * rounds * per_round


@pytest.mark.django_db(transaction=True)
def test_a_quiet_process_writes_its_counts_after_the_flush_interval(home_page, counting_on):
    page = StreetIndexPageFactory(parent=home_page, title="Đường vắng")
    counting_on.SOHOA_COUNT_FLUSH_SECONDS = 0.2
    counting.count_hit(VIEW, page.pk)
    deadline = time.monotonic() + 10
    while not PageCountDay.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert PageCountDay.objects.get().count == 1
    assert counting.hits.pending == 0


# Reading: one API for views, e-book opens and QR scans -----------------------------------------


@pytest.fixture
def two_units(home_page):
    """Two sections with pages, counts on two days of March 2026 and one of April."""
    first = StreetIndexPageFactory(parent=home_page, title="Phường Bến Nghé")
    second = StreetIndexPageFactory(parent=home_page, title="Phường Bến Thành")
    a = StreetPageFactory(parent=first, title="Đường Đồng Khởi")
    b = StreetPageFactory(parent=first, title="Đường Lê Lợi")
    c = StreetPageFactory(parent=second, title="Đường Lê Thánh Tôn")
    march_1, march_2, april_1 = (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 4, 1),
    )
    for page, day, kind, count in [
        (a, march_1, VIEW, 10),
        (a, march_2, VIEW, 5),
        (b, march_1, VIEW, 7),
        (c, march_2, VIEW, 1),
        (a, april_1, VIEW, 100),
        (b, march_1, OPEN, 3),
    ]:
        PageCountDay.objects.create(page=page, day=day, kind=kind, count=count)
    QRScanDay.objects.create(qr_code=QRCode.issue_for(a), day=march_1, count=4)
    QRScanDay.objects.create(qr_code=QRCode.issue_for(c), day=march_2, count=2)
    return {"first": first, "second": second, "a": a, "b": b, "c": c}


MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def test_counts_by_page_for_each_kind(two_units):
    a, b, c = two_units["a"], two_units["b"], two_units["c"]
    assert counts_by_page(VIEW, *MARCH) == {a.pk: 15, b.pk: 7, c.pk: 1}
    assert counts_by_page(OPEN, *MARCH) == {b.pk: 3}
    assert counts_by_page(QR_SCANS, *MARCH) == {a.pk: 4, c.pk: 2}
    assert counts_by_page(VIEW, datetime.date(2026, 3, 2), datetime.date(2026, 4, 1)) == {
        a.pk: 105,
        c.pk: 1,
    }


def test_counts_by_page_of_chosen_pages(two_units):
    a, c = two_units["a"], two_units["c"]
    assert counts_by_page(VIEW, *MARCH, pages=[a.pk]) == {a.pk: 15}
    second_unit = Page.objects.descendant_of(two_units["second"], inclusive=True)
    assert counts_by_page(VIEW, *MARCH, pages=second_unit) == {c.pk: 1}
    assert counts_by_page(QR_SCANS, *MARCH, pages=second_unit) == {c.pk: 2}
    assert counts_by_page(VIEW, *MARCH, pages=two_units["first"]) == {
        a.pk: 15,
        two_units["b"].pk: 7,
    }


def test_counts_by_day(two_units):
    march_1, march_2 = datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)
    assert counts_by_day(VIEW, *MARCH) == {march_1: 17, march_2: 6}
    assert counts_by_day(QR_SCANS, *MARCH) == {march_1: 4, march_2: 2}
    assert counts_by_day(VIEW, *MARCH, pages=two_units["second"]) == {march_2: 1}


def test_counts_by_subtree_give_a_row_per_unit(two_units, home_page):
    units = [two_units["first"], two_units["second"], home_page]
    by_unit = counts_by_subtree(VIEW, *MARCH, [unit.pk for unit in units])
    assert by_unit == {two_units["first"].pk: 22, two_units["second"].pk: 1, home_page.pk: 23}
    assert counts_by_subtree(QR_SCANS, *MARCH, units) == {
        two_units["first"].pk: 4,
        two_units["second"].pk: 2,
        home_page.pk: 6,
    }


def test_a_deleted_page_keeps_its_counts_in_its_units_figures(two_units):
    first, b = two_units["first"], two_units["b"]
    title, path = b.title, b.path
    b.delete()
    row = PageCountDay.objects.get(kind=VIEW, former_title=title)
    assert (row.page, row.former_path, row.count) == (None, path, 7)
    # A past month's figures for the unit do not change…
    assert counts_by_subtree(VIEW, *MARCH, [first.pk]) == {first.pk: 22}
    assert counts_by_day(VIEW, *MARCH, pages=first) == {
        datetime.date(2026, 3, 1): 17,
        datetime.date(2026, 3, 2): 5,
    }
    assert sum(counts_by_day(OPEN, *MARCH).values()) == 3
    # …while the per-page figures list only pages that still exist.
    assert counts_by_page(VIEW, *MARCH) == {two_units["a"].pk: 15, two_units["c"].pk: 1}


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown count kind"):
        counts_by_page("likes", *MARCH)
