"""The report dashboard: its figures equal what was seeded, per unit and period; the exports hold
the same numbers; who may see which unit; the periods; bad input; a bounded number of queries."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from playwright.sync_api import expect

from cms.counting import CountKind, PageCountDay
from cms.qr.models import QRCode, QRScanDay
from cms.tests.factories import DocumentFactory
from heritage.tests.factories import (
    HeritageIndexPageFactory,
    HeritageSitePageFactory,
    NeighbourhoodOfficePageFactory,
    StreetPageFactory,
)
from home.dashboard import FIGURE_KEYS, Period, Step, build_report
from home.models import UnitKind
from home.tests.factories import HomePageFactory
from home.units import onboard_unit
from library.tests.factories import BookPageFactory, LibraryPageFactory
from tests.conftest import browser, reach_only_the_site  # noqa: F401

pytestmark = pytest.mark.django_db

SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")
MARCH = {"period": "month", "month": "3", "year": "2026"}
URL = "/admin/reports/units/"


def day(month, number):
    return datetime.date(2026, month, number)


def views(page, when, count, kind=CountKind.VIEW):
    PageCountDay.objects.create(page=page, day=when, kind=kind, count=count)


def issued(page, when):
    """A QR code for `page` issued at `when` (local time of the site)."""
    code = QRCode.issue_for(page)
    QRCode.objects.filter(pk=code.pk).update(created_at=when)
    return code


def scans(code, when, count):
    QRScanDay.objects.create(qr_code=code, day=when, count=count)


def at(month, number, hour=12, minute=0):
    return datetime.datetime(2026, month, number, hour, minute, tzinfo=SAIGON)


def figures(**values):
    return {key: values.get(key, 0) for key in FIGURE_KEYS}


@pytest.fixture
def province(home_page):
    """A province alone: enough for the form's answers."""
    return onboard_unit(home_page.title, UnitKind.PROVINCE).unit


@pytest.fixture
def tree(home_page):
    """A province with two districts; Quận 3 has a school (a unit) with a library of three
    books, and pages of each kind; counts inside and outside March 2026; a deleted page."""
    province = onboard_unit(home_page.title, UnitKind.PROVINCE).unit
    quan3 = onboard_unit("Quận 3", UnitKind.DISTRICT, province).unit
    quan10 = onboard_unit("Quận 10", UnitKind.DISTRICT, province).unit
    school = onboard_unit("Trường THCS Sơn Ca", UnitKind.SCHOOL, quan3).unit
    # Onboarding publishes pages, and publishing issues their QR codes: start from none, so
    # that every code of the test is one it issued on purpose.
    QRCode.objects.all().delete()

    def section(unit, model_name):
        return unit.page.get_children().get(content_type__model=model_name)

    heritage_index = HeritageIndexPageFactory(parent=home_page)
    h0 = HeritageSitePageFactory(parent=heritage_index, title="Dinh Thống Nhất")
    s1 = StreetPageFactory(parent=section(quan3, "streetindexpage"), title="Đường Võ Văn Tần")
    StreetPageFactory(parent=section(quan3, "streetindexpage"), title="Đường nháp", live=False)
    h1 = HeritageSitePageFactory(
        parent=section(quan3, "heritageindexpage"), title="Chùa Vĩnh Nghiêm"
    )
    NeighbourhoodOfficePageFactory(parent=section(quan3, "officeindexpage"))
    library = LibraryPageFactory(parent=school.page, title="Thư viện Sơn Ca")
    b1 = BookPageFactory(parent=library, title="Dế Mèn", ebook=DocumentFactory())
    BookPageFactory(parent=library, title="Tắt đèn", reading_url="https://sach.example.vn/tat-den")
    BookPageFactory(parent=library, title="Số đỏ")
    s3 = StreetPageFactory(parent=section(quan10, "streetindexpage"), title="Đường Ba Tháng Hai")
    s4 = StreetPageFactory(parent=section(quan10, "streetindexpage"), title="Đường đã xoá")

    views(h0, day(3, 1), 5)
    views(h0, day(2, 28), 100)
    views(h0, day(4, 1), 100)
    issued(h0, at(3, 31, 23, 30))
    views(s1, day(3, 10), 7)
    views(s1, day(3, 11), 3)
    scans(issued(s1, at(3, 5)), day(3, 10), 4)
    issued(h1, at(4, 2))
    views(b1, day(3, 15), 9)
    views(b1, day(3, 15), 6, kind=CountKind.EBOOK_OPEN)
    views(b1, day(4, 15), 60, kind=CountKind.EBOOK_OPEN)
    views(s3, day(3, 31), 2)
    s3_code = issued(s3, at(2, 28, 23, 30))
    scans(s3_code, day(3, 31), 1)
    scans(s3_code, day(4, 1), 50)
    views(s4, day(3, 20), 11)
    scans(issued(s4, at(3, 2)), day(3, 20), 8)
    s4.delete()
    # Another site's pages, read and scanned on the same days, one of them deleted since:
    # none of it is the province's.
    elsewhere = HomePageFactory(title="Đoàn Thanh niên tỉnh bạn")
    views(elsewhere, day(3, 1), 1000)
    scans(issued(elsewhere, at(3, 1)), day(3, 1), 300)
    gone = StreetPageFactory(parent=elsewhere, title="Đường ở tỉnh bạn")
    views(gone, day(3, 10), 700)
    views(gone, day(3, 10), 70, kind=CountKind.EBOOK_OPEN)
    scans(issued(gone, at(3, 1)), day(3, 10), 30)
    gone.delete()
    return {
        "province": province,
        "quan3": quan3,
        "quan10": quan10,
        "school": school,
        "pages": {"h0": h0, "s1": s1, "b1": b1, "s3": s3},
    }


PROVINCE_OWN = figures(heritage_sites=1, views=5, qr_issued=1, qr_total=1)
QUAN3 = figures(
    schools=1,
    libraries=1,
    books=3,
    streets=1,
    heritage_sites=1,
    offices=1,
    qr_issued=1,
    qr_total=1,
    scans=4,
    views=19,
    ebooks=2,
    ebook_opens=6,
)
QUAN10 = figures(streets=1, qr_issued=1, qr_total=2, scans=9, views=13)


# Figures ----------------------------------------------------------------------------------


def test_a_province_report_has_its_own_pages_each_district_and_the_total(tree):
    report = build_report(tree["province"], Period.month(2026, 3))
    assert [row.unit for row in report.rows] == [tree["province"], tree["quan3"], tree["quan10"]]
    assert [row.figures for row in report.rows] == [PROVINCE_OWN, QUAN3, QUAN10]
    assert report.total.figures == {
        key: PROVINCE_OWN[key] + QUAN3[key] + QUAN10[key] for key in FIGURE_KEYS
    }


def test_a_district_report_has_a_row_for_its_school(tree):
    report = build_report(tree["quan3"], Period.month(2026, 3))
    own, school = report.rows
    assert school.unit == tree["school"]
    assert school.figures == figures(
        schools=1, libraries=1, books=3, ebooks=2, views=9, ebook_opens=6
    )
    assert own.figures == figures(
        streets=1, heritage_sites=1, offices=1, qr_issued=1, qr_total=1, scans=4, views=10
    )
    assert report.total.figures == QUAN3
    for figure in ("views", "scans", "ebook_opens"):
        assert sum(getattr(point, figure) for point in report.series) == QUAN3[figure]


def test_days_outside_the_period_are_left_out_and_a_longer_period_takes_them_in(tree):
    spring = build_report(tree["province"], Period.custom(day(2, 28), day(4, 2)))
    assert spring.total.figures["views"] == 5 + 100 + 100 + 19 + 13
    assert spring.total.figures["scans"] == 4 + 9 + 50
    assert spring.total.figures["ebook_opens"] == 6
    # The QR codes issued on 28/02 at 23:30 and 02/04 in Saigon are within these days.
    assert spring.total.figures["qr_issued"] == 5
    february = build_report(tree["province"], Period.month(2026, 2))
    assert february.total.figures["views"] == 100
    assert february.total.figures["qr_issued"] == 1
    assert february.total.figures["qr_total"] == 1


def test_the_series_adds_up_to_the_table_day_by_day(tree):
    report = build_report(tree["province"], Period.month(2026, 3))
    assert report.step == Step.DAY
    assert len(report.series) == 31
    by_day = {point.first: point for point in report.series}
    assert (by_day[day(3, 1)].views, by_day[day(3, 1)].label) == (5, "01/03/2026")
    assert (by_day[day(3, 10)].views, by_day[day(3, 10)].scans) == (7, 4)
    assert (by_day[day(3, 15)].views, by_day[day(3, 15)].ebook_opens) == (9, 6)
    assert by_day[day(3, 20)].views == 11  # of the page deleted since
    for figure in ("views", "scans", "ebook_opens"):
        assert (
            sum(getattr(point, figure) for point in report.series) == (report.total.figures[figure])
        )


def test_a_year_is_charted_by_month(tree):
    report = build_report(tree["province"], Period.year(2026))
    assert report.step == Step.MONTH
    assert [point.label for point in report.series][:4] == [
        "01/2026",
        "02/2026",
        "03/2026",
        "04/2026",
    ]
    assert [point.views for point in report.series][:4] == [0, 100, 5 + 19 + 13, 100]
    assert report.series[3].ebook_opens == 60


def test_the_top_pages_rank_views_and_scans_together(tree):
    report = build_report(tree["province"], Period.month(2026, 3))
    pages = tree["pages"]
    assert [(top.page_id, top.views, top.scans) for top in report.top_pages] == [
        (pages["s1"].pk, 10, 4),
        (pages["b1"].pk, 9, 0),
        (pages["h0"].pk, 5, 0),
        (pages["s3"].pk, 2, 1),
    ]
    assert report.top_pages[0].title == "Đường Võ Văn Tần"


@pytest.mark.parametrize(
    ("period", "start", "end", "step", "steps"),
    [
        (Period.month(2026, 2), day(2, 1), day(2, 28), Step.DAY, 28),
        (Period.month(2024, 2), datetime.date(2024, 2, 1), datetime.date(2024, 2, 29), "day", 29),
        (Period.quarter(2026, 1), day(1, 1), day(3, 31), Step.WEEK, 14),
        (Period.quarter(2026, 4), day(10, 1), day(12, 31), Step.WEEK, 14),
        (Period.year(2026), day(1, 1), day(12, 31), Step.MONTH, 12),
        (Period.custom(day(3, 5), day(3, 5)), day(3, 5), day(3, 5), Step.DAY, 1),
        (Period.custom(day(1, 1), day(4, 30)), day(1, 1), day(4, 30), Step.WEEK, 18),
    ],
)
def test_the_periods_and_their_chart_steps(period, start, end, step, steps):
    assert (period.start, period.end, period.step) == (start, end, step)
    buckets = period.buckets()
    assert len(buckets) == steps
    assert buckets[0][0] == start and buckets[-1][1] == end
    for (_first, last), (following, _last) in zip(buckets, buckets[1:], strict=False):
        assert following == last + datetime.timedelta(days=1)
    if step == Step.WEEK:
        # Weeks run Monday to Sunday, the first and last clipped to the period.
        assert all(first.weekday() == 0 for first, _last in buckets[1:])


# The admin view ---------------------------------------------------------------------------


@pytest.fixture
def editor_of(django_user_model):
    def make(unit, name="bientap", group="editors"):
        user = django_user_model.objects.create_user(name, password="Bien-tap-2026!")
        user.groups.add(getattr(unit, group))
        return user

    return make


def test_the_dashboard_shows_the_figures_in_vietnamese(admin_client, tree):
    PageCountDay.objects.filter(page=tree["pages"]["s1"], day=day(3, 10)).update(count=1234)
    response = admin_client.get(URL, {"unit": tree["province"].pk, **MARCH})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số liệu báo cáo" in html and "Tháng 3/2026" in html
    assert "Lượt xem trang" in html and "Tổng cộng" in html
    assert "Quận 3" in html and "Quận 10" in html
    # Numbers grouped the Vietnamese way, dates as dd/mm/yyyy.
    assert ">1.246<" in html and ">1.264<" in html  # Quận 3 and the total
    assert "01/03/2026" in html and "31/03/2026" in html
    assert "vendor/chartjs/chart.umd.min.js" in html and 'id="dashboard-chart-data"' in html
    district_link = f"?unit={tree['quan3'].pk}&amp;period=month&amp;year=2026&amp;month=3"
    assert district_link in html


def test_without_parameters_the_dashboard_shows_this_month_of_the_first_unit(admin_client, tree):
    response = admin_client.get(URL)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.unit == tree["province"]
    assert report.period == Period.this_month()


@pytest.mark.parametrize(
    ("query", "start", "end", "label"),
    [
        (MARCH, day(3, 1), day(3, 31), "Tháng 3/2026"),
        (
            {"period": "quarter", "quarter": "2", "year": "2026"},
            day(4, 1),
            day(6, 30),
            "Quý 2/2026",
        ),
        ({"period": "year", "year": "2026"}, day(1, 1), day(12, 31), "Năm 2026"),
        (
            {"period": "custom", "start": "2026-03-05", "end": "2026-03-20"},
            day(3, 5),
            day(3, 20),
            "05/03/2026 – 20/03/2026",
        ),
        (
            {"period": "custom", "start": "05/03/2026", "end": "20/03/2026"},
            day(3, 5),
            day(3, 20),
            "05/03/2026 – 20/03/2026",
        ),
        # What belongs to another kind of period is ignored, however wrong.
        (
            {"period": "year", "year": "2026", "month": "13", "start": "x"},
            day(1, 1),
            day(12, 31),
            "Năm 2026",
        ),
    ],
)
def test_the_period_choices(admin_client, province, query, start, end, label):
    response = admin_client.get(URL, {"unit": province.pk, **query})
    assert response.status_code == 200
    period = response.context["report"].period
    assert (period.start, period.end, period.label) == (start, end, label)
    assert label in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"period": "custom", "start": "2026-03-20", "end": "2026-03-05"},
            "Ngày cuối (05/03/2026) trước ngày đầu (20/03/2026).",
        ),
        ({"period": "custom", "start": "31/02/2026", "end": "2026-03-05"}, "dd/mm/yyyy"),
        ({"period": "custom", "start": "hôm qua", "end": "2026-03-05"}, "dd/mm/yyyy"),
        ({"period": "custom", "end": "2026-03-05"}, "Hãy chọn ngày đầu của khoảng thời gian."),
        ({"period": "custom", "start": "2000-01-01", "end": "2026-03-05"}, "tối đa mười năm"),
        ({"unit": "999999"}, "Không có đơn vị này."),
        ({"unit": "abc"}, "Không có đơn vị này."),
        ({"unit": "-1"}, "Không có đơn vị này."),
        ({"period": "decade"}, "Hãy chọn tháng, quý, năm hoặc khoảng ngày."),
        ({"period": "month", "month": "13", "year": "2026"}, "Hãy chọn tháng từ 1 đến 12."),
        ({"period": "year", "year": "20x6"}, "Hãy viết năm bằng số, ví dụ 2026."),
        ({"period": "year", "year": "1975"}, "Hãy chọn năm từ 2000 đến 2100."),
    ],
)
def test_bad_input_answers_in_vietnamese_and_keeps_what_was_typed(
    admin_client, province, query, message
):
    response = admin_client.get(URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Chưa xem được số liệu" in html
    assert response.context["report"] is None
    for name in ("start", "end", "year"):
        if name in query:
            assert f'value="{query[name]}"' in html


def test_an_editor_sees_only_their_unit_and_the_units_below_it(client, tree, editor_of):
    editor = editor_of(tree["quan3"])
    client.force_login(editor)
    response = client.get(URL, MARCH)
    assert response.status_code == 200
    assert response.context["report"].unit == tree["quan3"]
    choices = [unit for unit, _label in response.context["form"].fields["unit"].choices]
    assert choices == [tree["quan3"].pk, tree["school"].pk]
    html = response.content.decode()
    assert "Quận 10" not in html
    assert client.get(URL, {"unit": tree["school"].pk, **MARCH}).status_code == 200


def refused(response):
    """Wagtail's admin answers a refusal with a redirect to its home page and a message."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


@pytest.mark.parametrize(
    ("group", "export"), [("editors", None), ("moderators", "xlsx"), ("editors", "csv")]
)
def test_a_member_of_one_unit_is_refused_another_units_report_by_url(
    client, tree, editor_of, export, group
):
    client.force_login(editor_of(tree["quan10"], group=group))
    query = {"unit": tree["quan3"].pk, **MARCH}
    if export:
        query["export"] = export
    response = client.get(URL, query)
    assert refused(response)
    assert "Quận 3" not in response.content.decode()
    assert refused(client.get(URL, {"unit": tree["province"].pk}))
    assert client.get(URL, {"unit": tree["quan10"].pk}).status_code == 200


def test_someone_outside_every_unit_is_refused(client, tree, django_user_model):
    from django.contrib.auth.models import Permission

    outsider = django_user_model.objects.create_user("ngoai", password="Ngoai-don-vi-2026")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert refused(client.get(URL))
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    anonymous = client.get(URL)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_the_menu_shows_the_dashboard_to_a_units_editor(client, tree, editor_of):
    client.force_login(editor_of(tree["quan10"]))
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("sohoa_unit_report") == URL


# Export -----------------------------------------------------------------------------------


def expected_lines(province_name):
    total = [PROVINCE_OWN[key] + QUAN3[key] + QUAN10[key] for key in FIGURE_KEYS]
    return [
        [1, f"{province_name} (trang của đơn vị)", *PROVINCE_OWN.values()],
        [2, "Quận 3", *QUAN3.values()],
        [3, "Quận 10", *QUAN10.values()],
        [None, "Tổng cộng", *total],
    ]


def test_the_xlsx_export_holds_the_same_numbers(admin_client, tree):
    response = admin_client.get(URL, {"unit": tree["province"].pk, "export": "xlsx", **MARCH})
    assert response.status_code == 200
    assert 'filename="so-lieu-' in response["Content-Disposition"]
    assert '-2026-03.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert "Tháng 3/2026" in rows[0][0] and tree["province"].name in rows[0][0]
    assert rows[1][:4] == ["STT", "Đơn vị", "Trường học", "Thư viện"]
    assert "Lượt xem trang" in rows[1] and "Lượt quét mã QR" in rows[1]
    assert rows[2:] == expected_lines(tree["province"].name)
    over_time = [list(row) for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert over_time[1][:4] == ["Thời gian", "Từ ngày", "Đến ngày", "Lượt xem trang"]
    assert over_time[2][:4] == ["01/03/2026", "01/03/2026", "01/03/2026", 5]
    assert sum(line[3] for line in over_time[2:]) == 5 + 19 + 13
    top = [list(row) for row in workbook.worksheets[2].iter_rows(values_only=True)]
    assert top[2][:2] == [1, "Đường Võ Văn Tần"] and top[2][3:] == [10, 4]


def test_the_csv_export_is_utf8_with_a_bom_and_holds_the_same_numbers(admin_client, tree):
    response = admin_client.get(URL, {"unit": tree["province"].pk, "export": "csv", **MARCH})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert '-2026-03.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["STT", "Đơn vị"] and "Lượt mở sách điện tử" in rows[0]
    as_numbers = [
        [int(cell) if cell.isdigit() else (cell or None) for cell in row] for row in rows[1:]
    ]
    assert as_numbers == expected_lines(tree["province"].name)


# Speed ------------------------------------------------------------------------------------


def report_queries(client, unit):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"unit": unit.pk, **MARCH}).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_units(
    admin_client, tree, django_assert_max_num_queries
):
    province = tree["province"]
    admin_client.get(URL, {"unit": province.pk, **MARCH})  # content types cached
    few = report_queries(admin_client, province)
    for number in range(6):
        district = onboard_unit(f"Huyện {number}", UnitKind.DISTRICT, province).unit
        streets = district.page.get_children().get(content_type__model="streetindexpage")
        StreetPageFactory(parent=streets)
    more = report_queries(admin_client, province)
    assert more == few
    with django_assert_max_num_queries(40):
        admin_client.get(URL, {"unit": province.pk, **MARCH})
    with django_assert_max_num_queries(30):
        build_report(province, Period.year(2026))


# In a browser ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_sees_the_chart_drawn_from_the_site_alone(
    browser,  # noqa: F811
    live_server,
    tree,
    editor_of,
):
    editor = editor_of(tree["quan3"], name="bientap.quan3")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    site = live_server.url
    elsewhere = reach_only_the_site(context, site)
    admin = context.new_page()
    admin.goto(f"{site}/admin/login/")
    admin.get_by_label("Tên đăng nhập").fill(editor.username)
    admin.get_by_label("Mật khẩu").fill("Bien-tap-2026!")
    admin.get_by_role("button", name="Đăng nhập").click()
    admin.goto(f"{site}{URL}?period=month&month=3&year=2026")

    chart = admin.locator("[data-dashboard-chart] canvas")
    expect(chart).to_be_visible()
    # chart.js draws after its first layout; a blank canvas has no ink at all.
    admin.wait_for_function(
        """() => {
            const canvas = document.querySelector("[data-dashboard-chart] canvas");
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
            return inked > 2000;
        }"""
    )
    expect(admin.locator("table").first).to_contain_text("Trường THCS Sơn Ca")
    expect(admin.locator("body")).not_to_contain_text("Quận 10")

    # Only the fields of the chosen kind of period show.
    month = admin.locator('[data-period-field="month"]')
    start = admin.locator('[data-period-field="start"]')
    expect(month).to_be_visible()
    expect(start).to_be_hidden()
    admin.get_by_label("Kỳ báo cáo").select_option("custom")
    expect(month).to_be_hidden()
    expect(start).to_be_visible()
    context.close()
    assert elsewhere == []
