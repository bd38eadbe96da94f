"""The QR scans report in the admin, its CSV/XLSX export and `manage.py qr_export`."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from wagtail.models import GroupPagePermission, Page

from cms.qr import report
from cms.qr.models import QRCode, QRScanDay
from heritage.models import StreetPage
from heritage.tests.factories import StreetIndexPageFactory, StreetPageFactory
from home.tests.factories import SchoolIndexPageFactory, SchoolPageFactory
from library.models import BookPage
from library.tests.factories import BookPageFactory, LibraryPageFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/qr-codes/"
HEADINGS = [
    "Trang",
    "Loại trang",
    "Trạng thái",
    "Chuyên mục",
    "Đơn vị",
    "Mã QR",
    "Đường dẫn ngắn",
    "Địa chỉ trang",
    "Lượt quét 7 ngày qua",
    "Lượt quét 30 ngày qua",
    "Tổng lượt quét",
]


def kind_label(model):
    with translation.override("vi"):
        return capfirst(model._meta.verbose_name)


def coded_pages():
    """Pages with a code: the tree's, and Wagtail's welcome page coded by a data migration."""
    return QRCode.objects.filter(page__isnull=False).count()


def today():
    return timezone.localdate()


def scan(page, days_ago, times=1):
    qr_code = QRCode.issue_for(page)
    for _ in range(times):
        QRScanDay.count_one(qr_code, day=today() - datetime.timedelta(days=days_ago))
    return qr_code


@pytest.fixture
def tree(home_page):
    """A unit's site: streets, and a school whose library holds a book; every page coded."""
    streets = StreetIndexPageFactory(parent=home_page)
    schools = SchoolIndexPageFactory(parent=home_page)
    school = SchoolPageFactory(parent=schools)
    library = LibraryPageFactory(parent=school)
    pages = {
        "home": home_page,
        "streets": streets,
        "street": StreetPageFactory(parent=streets),
        "other_street": StreetPageFactory(parent=streets),
        "schools": schools,
        "school": school,
        "library": library,
        "book": BookPageFactory(parent=library),
    }
    for page in pages.values():
        QRCode.issue_for(page)
    return pages


def report_rows(client, query=""):
    """The report's table as {code: {column heading: cell text}}, in the order shown."""
    response = client.get(REPORT_URL + query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("#listing-results table")
    if table is None:
        return {}
    headings = [th.get_text(" ", strip=True) for th in table.find("thead").find_all("th")]
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = dict(
            zip(
                headings,
                (td.get_text(" ", strip=True) for td in tr.find_all(["th", "td"])),
                strict=True,
            )
        )
        rows[cells["Mã QR"]] = cells
    return rows


def csv_rows(content):
    assert content.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))


def export_csv(client, query=""):
    response = client.get(REPORT_URL + "?export=csv" + query)
    assert response.status_code == 200
    return response, csv_rows(b"".join(response.streaming_content).decode("utf-8"))


def qr_export(*args):
    out = io.StringIO()
    call_command("qr_export", *args, stdout=out)
    return csv_rows(out.getvalue())


def test_scans_in_the_last_7_and_30_days_and_in_total_show_in_the_report(admin_client, tree):
    street = tree["street"]
    scan(street, 0, times=3)
    scan(street, 6, times=2)  # the 7 days are today and the six before
    scan(street, 7)
    scan(street, 29, times=4)  # the 30 days are today and the 29 before
    qr_code = scan(street, 30, times=5)

    row = report_rows(admin_client)[qr_code.code]

    assert row["Lượt quét 7 ngày qua"] == "5"
    assert row["Lượt quét 30 ngày qua"] == "10"
    assert row["Tổng lượt quét"] == "15"


def test_each_row_names_the_page_its_kind_section_unit_and_short_link(admin_client, tree):
    rows = report_rows(admin_client)

    book = rows[tree["book"].qr_code.code]
    assert book["Trang"] == tree["book"].title
    assert book["Loại trang"] == kind_label(BookPage)
    assert book["Chuyên mục"] == tree["schools"].title
    assert book["Đơn vị"] == tree["library"].title
    assert book["Đường dẫn ngắn"] == f"https://sohoa.test/q/{tree['book'].qr_code.code}"
    assert rows[tree["library"].qr_code.code]["Đơn vị"] == tree["library"].title
    assert rows[tree["school"].qr_code.code]["Đơn vị"] == tree["school"].title
    street = rows[tree["street"].qr_code.code]
    assert street["Chuyên mục"] == "Tuyến đường"
    assert street["Đơn vị"] == tree["home"].title
    home = rows[tree["home"].qr_code.code]
    assert home["Chuyên mục"] == ""
    assert home["Đơn vị"] == tree["home"].title


def test_the_page_title_links_to_its_editor(admin_client, tree):
    soup = BeautifulSoup(admin_client.get(REPORT_URL).content, "html.parser")
    edit_url = reverse("wagtailadmin_pages:edit", args=[tree["street"].pk])
    assert soup.find("a", href=edit_url).get_text(strip=True) == tree["street"].title


def test_most_scanned_pages_come_first(admin_client, tree):
    scan(tree["book"], 1, times=2)
    scan(tree["street"], 40, times=3)
    codes = list(report_rows(admin_client))
    assert codes[:2] == [tree["street"].qr_code.code, tree["book"].qr_code.code]


def test_columns_sort_by_scans_in_the_last_7_days(admin_client, tree):
    scan(tree["book"], 1, times=2)
    scan(tree["street"], 40, times=3)
    codes = list(report_rows(admin_client, "?ordering=-scans_7"))
    assert codes[0] == tree["book"].qr_code.code


def test_drafts_show_their_status_and_deleted_pages_leave_the_report(admin_client, tree):
    draft = StreetPageFactory(parent=tree["streets"], live=False)
    draft_code = QRCode.issue_for(draft).code
    gone_code = tree["other_street"].qr_code.code
    tree["other_street"].delete()

    rows = report_rows(admin_client)

    assert rows[draft_code]["Trạng thái"] == "bản nháp"
    assert gone_code not in rows
    _response, exported = export_csv(admin_client)
    draft_row = next(row for row in exported if row[5] == draft_code)
    assert draft_row[7] == "", "a draft has no public address yet"


def in_moderation(page, user):
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


def scheduled(page, user):
    page.save_revision(user=user, approved_go_live_at=timezone.now() + datetime.timedelta(days=3))


def edited(page, user):
    page.save_revision(user=user)


@pytest.mark.parametrize("change", [in_moderation, scheduled, edited])
@pytest.mark.parametrize("live", [True, False])
def test_the_status_is_wagtails_own(admin_client, superuser, tree, change, live):
    street = tree["street"]
    street.live = live
    street.save()
    change(street, superuser)

    status = report_rows(admin_client)[street.qr_code.code]["Trạng thái"]

    with translation.override("vi"):
        assert status == str(Page.objects.get(pk=street.pk).status_string)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("section={streets}", ["streets", "street", "other_street"]),
        ("section={schools}", ["schools", "school", "library", "book"]),
        ("unit={library}", ["library", "book"]),
        ("unit={school}", ["school", "library", "book"]),
        ("kind={street_kind}", ["street", "other_street"]),
        ("section={schools}&kind={street_kind}", []),
    ],
)
def test_filters_narrow_the_rows(admin_client, tree, query, expected):
    ids = {name: page.pk for name, page in tree.items()}
    ids["street_kind"] = ContentType.objects.get_for_model(StreetPage).pk
    codes = set(report_rows(admin_client, "?" + query.format(**ids)))
    assert codes == {tree[name].qr_code.code for name in expected}
    _response, exported = export_csv(admin_client, "&" + query.format(**ids))
    assert {row[5] for row in exported[1:]} == codes


def test_csv_export_has_vietnamese_headings_and_the_report_figures(admin_client, tree):
    qr_code = scan(tree["street"], 3, times=2)
    scan(tree["street"], 12)

    response, rows = export_csv(admin_client)

    assert response["Content-Disposition"] == f'attachment; filename="ma-qr-{today()}.csv"'
    assert rows[0] == HEADINGS
    street = next(row for row in rows if row[5] == qr_code.code)
    assert street == [
        tree["street"].title,
        kind_label(StreetPage),
        street[2],
        "Tuyến đường",
        tree["home"].title,
        qr_code.code,
        f"https://sohoa.test/q/{qr_code.code}",
        f"https://sohoa.test{tree['street'].url_path.removeprefix(tree['home'].url_path[:-1])}",
        "2",
        "3",
        "3",
    ]
    assert len(rows) == 1 + coded_pages()


def test_xlsx_export_has_the_same_columns(admin_client, tree):
    qr_code = scan(tree["book"], 0, times=4)
    response = admin_client.get(REPORT_URL + "?export=xlsx")
    assert response.status_code == 200
    assert f"ma-qr-{today()}.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADINGS
    book = next(row for row in rows if row[5] == qr_code.code)
    assert book[3:5] == [tree["schools"].title, tree["library"].title]
    assert book[8:] == [4, 4, 4]


@pytest.fixture
def street_editor(django_user_model, tree):
    """An editor of the streets section only, as a unit's volunteer would be."""
    group = Group.objects.create(name="Biên tập tuyến đường")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=tree["streets"], permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user(username="bientap", password="mat-khau-thu")
    user.groups.add(group)
    return user


def test_an_editor_sees_only_the_pages_they_may_edit(client, tree, street_editor):
    client.force_login(street_editor)
    codes = set(report_rows(client))
    assert codes == {tree[name].qr_code.code for name in ("streets", "street", "other_street")}
    _response, exported = export_csv(client)
    assert {row[5] for row in exported[1:]} == codes


def test_the_reports_menu_offers_the_report_to_editors(client, street_editor):
    client.force_login(street_editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert REPORT_URL.encode() in response.content
    # The sidebar is drawn from JSON, where "ã" is escaped.
    assert json.dumps("Mã QR").encode() in response.content


def test_admin_users_without_page_permissions_are_turned_away(client, django_user_model, tree):
    user = django_user_model.objects.create_user(username="khach", password="mat-khau-thu")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (REPORT_URL, REPORT_URL + "?export=csv"):
        response = client.get(url)
        # Wagtail turns a refused admin view into a message on the dashboard.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("url", [REPORT_URL, REPORT_URL + "?export=csv", REPORT_URL + "results/"])
def test_anonymous_visitors_are_sent_to_log_in(client, tree, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_results_view_serves_the_listing_for_ajax_filtering(admin_client, tree):
    url = reverse("sohoa_qr_report_results") + f"?section={tree['streets'].pk}"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert tree["street"].qr_code.code in response.content.decode()
    assert tree["book"].qr_code.code not in response.content.decode()


def add_scanned_streets(streets, count):
    for n in range(count):
        scan(StreetPageFactory(parent=streets), n % 40, times=n % 3 + 1)


# Session, user, page permissions, count, rows, ancestors, filter choices (sections, units,
# kinds), savepoints: a fixed number whatever the number of rows.
MAX_REPORT_QUERIES = 15


@pytest.mark.parametrize("streets", [5, 40])
def test_the_report_queries_do_not_grow_with_its_rows(
    admin_client, tree, streets, django_assert_max_num_queries
):
    add_scanned_streets(tree["streets"], streets)
    admin_client.get(REPORT_URL)  # content types and site root paths are cached from here on
    with django_assert_max_num_queries(MAX_REPORT_QUERIES):
        rows = report_rows(admin_client)
    assert len(rows) == coded_pages()


def test_the_report_and_an_export_use_the_same_number_of_queries_for_5_and_40_rows(
    admin_client, home_page
):
    counts = []
    streets = StreetIndexPageFactory(parent=home_page)
    for more in (5, 35):
        add_scanned_streets(streets, more)
        admin_client.get(REPORT_URL)
        with CaptureQueriesContext(connection) as report_queries:
            admin_client.get(REPORT_URL)
        with CaptureQueriesContext(connection) as export_queries:
            export_csv(admin_client)
        counts.append((len(report_queries), len(export_queries)))
    assert counts[0] == counts[1]


def test_qr_export_writes_the_same_rows_as_the_admin_export(admin_client, tree):
    scan(tree["street"], 2, times=3)
    scan(tree["book"], 20)
    _response, from_admin = export_csv(admin_client)
    assert qr_export() == from_admin


def test_qr_export_writes_a_file_excel_reads_as_utf8(tree, tmp_path):
    output = tmp_path / "ma-qr.csv"
    call_command("qr_export", "--output", str(output), stdout=io.StringIO())
    content = output.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert csv_rows(content.decode("utf-8"))[0] == HEADINGS


def test_qr_export_streams_in_batches_with_the_right_section_and_unit(
    tree, monkeypatch, django_assert_max_num_queries
):
    add_scanned_streets(tree["streets"], 30)
    monkeypatch.setattr(report, "BATCH_SIZE", 7)
    monkeypatch.setattr(report.iter_report_rows, "__defaults__", (7,))
    # One query for the codes, then one for the ancestors of each batch of 7.
    with django_assert_max_num_queries(1 + (coded_pages() + 6) // 7 + 2):
        rows = qr_export()
    assert len(rows) == 1 + coded_pages()
    streets = [row for row in rows[1:] if row[1] == kind_label(StreetPage)]
    assert len(streets) == 32
    assert {(row[3], row[4]) for row in streets} == {("Tuyến đường", tree["home"].title)}
