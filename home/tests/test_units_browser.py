"""Issue 8's "done when", in a real browser on the demo: a school's editor signs in, sees only
their unit, submits a change; the district's moderator approves it; the dashboard shows the
figures and exports them."""

import io
from importlib import import_module

import openpyxl
import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import expect

from home.demo.data import DEMO_PASSWORD
from home.models import Unit, UnitKind
from tests.conftest import browser  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def demo(home_page):
    """The demo with its units (committed: the live server reads it); the flush of a
    transactional test removed the book subjects a migration made, so they are seeded again."""
    import_module("library.migrations.0002_seed_subjects").seed_subjects(apps, None)
    call_command("load_demo", stdout=io.StringIO())
    return {unit.name: unit for unit in Unit.objects.all()}


def sign_in(browser, live_server, username):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("main")).to_be_visible()
    return context, page


def test_an_editor_submits_a_moderator_approves_and_the_dashboard_exports(
    browser,  # noqa: F811
    live_server,
    demo,
):
    school = next(
        unit for unit in demo.values() if unit.kind == UnitKind.SCHOOL and "Sơn Ca" in unit.name
    )
    other_school = next(u for u in demo.values() if u.kind == UnitKind.SCHOOL and u != school)

    # The editor: the explorer opens on their own unit, and another school is out of reach.
    context, editor = sign_in(browser, live_server, "bientap.sonca@sohoa.example")
    editor.goto(f"{live_server.url}/admin/pages/")
    expect(editor.locator("main")).to_contain_text(school.name)
    assert other_school.name not in editor.locator("main").inner_text()
    editor.goto(f"{live_server.url}/admin/pages/{other_school.page_id}/edit/")
    assert f"/pages/{other_school.page_id}/edit/" not in editor.url

    editor.goto(f"{live_server.url}/admin/pages/{school.page_id}/edit/")
    summary = editor.locator("textarea[name=summary], input[name=summary]").first
    summary.fill("Trường vừa cập nhật giới thiệu (bản gửi duyệt).")
    # Publishing is not theirs: the action menu offers "Gửi duyệt" instead.
    editor.locator(
        "footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()
    assert editor.locator("button[name=action-publish]").count() == 0
    editor.locator("button[name=action-submit]").click()
    expect(editor.locator(".messages, [role=status]").first).to_be_visible()
    context.close()
    school.page.refresh_from_db()
    page = school.page.specific
    assert page.summary != "Trường vừa cập nhật giới thiệu (bản gửi duyệt)."
    assert page.current_workflow_state is not None

    # The district's moderator finds it awaiting review and approves it.
    context, moderator = sign_in(browser, live_server, "kiemduyet.quan3@sohoa.example")
    moderator.goto(f"{live_server.url}/admin/")
    awaiting = moderator.locator("main")
    expect(awaiting).to_contain_text(school.name)
    moderator.goto(f"{live_server.url}/admin/pages/{school.page_id}/edit/")
    moderator.locator(
        "footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()
    moderator.get_by_role("button", name="Phê duyệt và xuất bản").first.click()
    expect(moderator.locator(".messages, [role=status]").first).to_be_visible()
    page.refresh_from_db()
    assert page.summary == "Trường vừa cập nhật giới thiệu (bản gửi duyệt)."
    assert page.current_workflow_state is None

    # The report: figures for the district, exported.
    district = school.parent
    moderator.goto(f"{live_server.url}/admin/reports/units/?unit={district.pk}")
    expect(moderator.locator("main")).to_contain_text(school.name)
    with moderator.expect_download() as download_info:
        moderator.locator(
            "a[href*='format=xlsx'], a[href*='.xlsx'], a:has-text('Excel')"
        ).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as exported:
        workbook = openpyxl.load_workbook(io.BytesIO(exported.read()))
    cells = [str(cell.value) for row in workbook.active.iter_rows() for cell in row if cell.value]
    assert any(school.name in value for value in cells)
    context.close()
