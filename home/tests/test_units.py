"""Onboarding units (home.units): pages, groups, permissions, collections, workflow, editor —
once, the same twice; in bulk from a sheet; and what an editor of one unit can reach."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
)

from cms.tests.factories import DocumentFactory, ImageFactory
from heritage.models import StreetIndexPage
from home.models import EditorAccount, HomePage, SchoolPage, Unit, UnitKind, UnitPage
from home.units import OnboardingError, onboard_unit, onboard_units, read_units_sheet
from library.models import LibraryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(home_page):
    return onboard_unit(home_page.title, UnitKind.PROVINCE).unit


@pytest.fixture
def district(province):
    return onboard_unit("Quận Gò Vấp", UnitKind.DISTRICT, province).unit


def snapshot():
    """Everything onboarding makes, counted."""
    return {
        "units": Unit.objects.count(),
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "collections": Collection.objects.count(),
        "collection permissions": GroupCollectionPermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "users": EditorAccount.objects.count(),
    }


def test_a_province_adopts_the_site_home_page(home_page, province):
    assert province.page.pk == home_page.pk
    assert isinstance(province.page.specific, HomePage)
    assert province.approver == province


def test_a_district_gets_its_page_sections_groups_collection_and_workflow(province, district):
    page = district.page.specific
    assert isinstance(page, UnitPage) and page.live
    assert page.get_parent().pk == province.page.pk
    sections = [type(child.specific) for child in page.get_children()]
    assert StreetIndexPage in sections and len(sections) == 4
    assert district.collection.get_parent() == province.collection
    editor_codenames = set(
        GroupPagePermission.objects.filter(group=district.editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert "change_page" in editor_codenames and "publish_page" not in editor_codenames
    assert GroupPagePermission.objects.filter(
        group=district.moderators, page=district.page, permission__codename="publish_page"
    ).exists()
    assert district.page.get_workflow() == district.workflow
    task = district.workflow.tasks.get().specific
    assert list(task.groups.all()) == [province.moderators]


def test_onboarding_twice_equals_once(district):
    first = onboard_unit("Trường THCS Sơn Ca", UnitKind.SCHOOL, district, "sonca@example.vn")
    before = snapshot()
    again = onboard_unit("truong thcs son ca", UnitKind.SCHOOL, district, "sonca@example.vn")
    assert snapshot() == before
    assert (again.created, again.unit, again.password) == (False, first.unit, None)


def test_onboarding_again_puts_back_a_removed_permission(district):
    GroupPagePermission.objects.filter(group=district.editors).delete()
    onboard_unit("Quận Gò Vấp", UnitKind.DISTRICT, district.parent)
    assert GroupPagePermission.objects.filter(group=district.editors).count() == 3


def test_a_school_goes_under_the_schools_section_with_its_level_from_its_name(district):
    school = onboard_unit("Trường THPT Nguyễn Du", UnitKind.SCHOOL, district).unit
    page = school.page.specific
    assert isinstance(page, SchoolPage) and page.level == "thpt"
    assert page.get_parent().specific_class.__name__ == "SchoolIndexPage"
    library = onboard_unit("Thư viện Nguyễn Du", UnitKind.LIBRARY, school).unit
    assert isinstance(library.page.specific, LibraryPage)
    assert library.page.get_parent().pk == school.page.pk
    assert library.approver == school


@pytest.mark.parametrize(
    ("name", "kind", "parent", "words"),
    [
        ("", UnitKind.DISTRICT, "province", "cần có tên"),
        ("Quận 12", UnitKind.DISTRICT, None, "cần đơn vị cấp trên"),
        ("Quận 12", UnitKind.DISTRICT, "district", "không thể đặt dưới"),
        ("Trường Sơn Ca", UnitKind.SCHOOL, "district", "Cấp học"),
        ("Quận Gò Vấp", UnitKind.WARD, "province", "đã có"),
    ],
)
def test_impossible_units_are_refused_in_vietnamese(province, district, name, kind, parent, words):
    parents = {"province": province, "district": district, None: None}
    before = snapshot()
    with pytest.raises(OnboardingError) as refused:
        onboard_unit(name, kind, parents[parent])
    assert words.lower() in str(refused.value.args[0]).lower()
    assert snapshot() == before


def test_the_first_editor_gets_a_one_time_password_to_change_at_first_login(district, client):
    result = onboard_unit("Trường THCS Sơn Ca", UnitKind.SCHOOL, district, "SonCa@Example.vn")
    assert result.editor.username == "sonca@example.vn"
    assert result.editor.groups.filter(pk=result.unit.editors.pk).exists()
    assert client.login(username="sonca@example.vn", password=result.password)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_account")
    account = client.get(reverse("wagtailadmin_account"))
    assert account.status_code == 200
    user = result.editor
    user.set_password("Mat-khau-moi-cua-toi-2026")
    user.save()
    assert client.login(username="sonca@example.vn", password="Mat-khau-moi-cua-toi-2026")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_an_existing_account_joins_another_unit_without_a_new_password(district):
    first = onboard_unit("Phường 1", UnitKind.WARD, district, "ban@example.vn")
    second = onboard_unit("Phường 3", UnitKind.WARD, district, "ban@example.vn")
    assert second.password is None and second.editor == first.editor
    assert first.editor.groups.count() == 2


# Bulk -------------------------------------------------------------------------------------


def units_xlsx(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH ĐƠN VỊ THAM GIA SỐ HÓA"])
    sheet.append([])
    sheet.append(["STT", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Email biên tập viên"])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_district_with_a_hundred_schools_is_onboarded_from_a_sheet(province):
    rows = [["Quận Bình Thạnh", "Quận/huyện", province.name, "binhthanh@example.vn"]]
    rows += [
        [f"Trường THCS Số {n}", "Trường", "Quan Binh Thanh", f"thcs{n}@example.vn"]
        for n in range(1, 101)
    ]
    # A row may name a unit made further down the sheet.
    rows.insert(0, rows.pop(5))
    parsed, errors = read_units_sheet(units_xlsx(rows), "don-vi.xlsx")
    assert errors == []
    results, errors = onboard_units(parsed)
    assert errors == [] and len(results) == 101
    district = Unit.objects.get(key="quan binh thanh")
    assert district.children.count() == 100
    assert all(result.password for result in results)
    assert SchoolPage.objects.descendant_of(district.page).count() == 100
    before = snapshot()
    again, errors = onboard_units(read_units_sheet(units_xlsx(rows), "don-vi.xlsx")[0])
    assert errors == [] and not any(result.created for result in again)
    assert snapshot() == before


def test_a_sheet_with_a_bad_row_onboards_nothing_and_says_where(province, vietnamese_units):
    rows = [
        ["Quận 7", "Quận/huyện", province.name, "q7@example.vn"],
        ["Trường THCS A", "Trường", "Quận 7", "khong-phai-email"],
        ["Trường THCS B", "Trường học", "Quận 99", "b@example.vn"],
        ["Thư viện C", "Nhà sách", "Quận 7", ""],
    ]
    before = snapshot()
    parsed, errors = read_units_sheet(units_xlsx(rows), "don-vi.xlsx")
    assert [(row, column) for row, column, _message in errors] == [(7, "Loại")]
    results, errors = onboard_units(parsed[:3])
    assert results == []
    assert [(row, column) for row, column, _message in errors] == [
        (5, "Email biên tập viên"),
        (6, "Đơn vị cấp trên"),
    ]
    assert "Quận 99" in str(errors[1][2])
    assert snapshot() == before


def test_the_commands_onboard_and_report(province, tmp_path):
    output = io.StringIO()
    call_command(
        "onboard_unit",
        name="Quận 10",
        kind="district",
        parent=province.name,
        editor_email="q10@example.vn",
        stdout=output,
    )
    assert "q10@example.vn" in output.getvalue()
    sheet = tmp_path / "don-vi.xlsx"
    sheet.write_bytes(units_xlsx([["Phường 12", "Phường/xã", "Quận 10", ""]]).getvalue())
    output = io.StringIO()
    call_command("onboard_units", str(sheet), stdout=output)
    assert Unit.objects.filter(key="phuong 12").exists()
    with pytest.raises(CommandError):
        call_command("onboard_unit", name="Quận 11", kind="district", parent="Không có")


# What an editor can reach -----------------------------------------------------------------


@pytest.fixture
def two_schools(district, client):
    a = onboard_unit("Trường THCS A", UnitKind.SCHOOL, district, "a@example.vn")
    b = onboard_unit("Trường THCS B", UnitKind.SCHOOL, district, "b@example.vn")
    for result in (a, b):
        result.editor.set_password("Mat-khau-rieng-2026")
        result.editor.save()
    return a.unit, b.unit, a.editor


def refused(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    if response.status_code == 302:
        return response["Location"].startswith(reverse("wagtailadmin_home"))
    return response.status_code in (403, 404)


def test_an_editor_reaches_only_their_own_unit(client, two_schools):
    mine, theirs, editor = two_schools
    client.force_login(editor)
    own = mine.page.pk
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own])).status_code == 200
    other = theirs.page.pk
    for url in (
        reverse("wagtailadmin_pages:edit", args=[other]),
        reverse("wagtailadmin_pages:delete", args=[other]),
        reverse("wagtailadmin_pages:move", args=[other]),
        reverse("wagtailadmin_pages:unpublish", args=[other]),
        reverse("wagtailadmin_pages:add_subpage", args=[other]),
        reverse("sohoa_qr_page", args=[other]),
        reverse("sohoa_qr_svg", args=[other]),
        reverse("sohoa_import", args=[other]),
    ):
        assert refused(client.get(url)), url
    listing = client.get(reverse("wagtailadmin_explore", args=[theirs.page.get_parent().pk]))
    assert theirs.page.title not in listing.content.decode()


def test_an_editor_cannot_choose_another_units_images_or_documents(client, two_schools):
    mine, theirs, editor = two_schools
    own_image = ImageFactory(collection=mine.collection, title="Cổng trường A")
    their_image = ImageFactory(collection=theirs.collection, title="Cổng trường B")
    their_document = DocumentFactory(collection=theirs.collection, title="Kế hoạch B")
    client.force_login(editor)
    chooser = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert own_image.title in chooser and their_image.title not in chooser
    assert refused(client.get(reverse("wagtailimages:edit", args=[their_image.pk])))
    assert refused(client.get(reverse("wagtaildocs:edit", args=[their_document.pk])))
    documents = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert their_document.title not in documents
    assert get_image_model().objects.count() == 2 and get_document_model().objects.count() == 1


def test_an_editor_submits_and_the_moderator_above_approves(client, two_schools, django_user_model):
    mine, _theirs, editor = two_schools
    client.force_login(editor)
    page = mine.page.specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(edit_url).content.decode()
    assert "action-publish" not in form and "action-submit" in form
    moderator = django_user_model.objects.create_user("kiemduyet.govap", password="x-Kiem-duyet-1")
    moderator.groups.add(mine.parent.moderators)
    page.save_revision(user=editor)
    workflow_state = mine.workflow.start(page, editor)
    assert workflow_state.status == "in_progress"
    task_state = workflow_state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, moderator)
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes


@pytest.fixture
def vietnamese_units():
    """The units' messages are in the committed catalogue (make catalogue)."""
    from django.utils import translation

    with translation.override("vi"):
        yield


def test_an_editors_import_becomes_drafts_submitted_to_the_moderators_above(two_schools):
    from cms.importing import plan_import, read_sheet, run_import
    from cms.qr.models import QRCode
    from library.models import BookPage
    from library.tests.factories import LibraryPageFactory

    mine, _theirs, editor = two_schools
    library = LibraryPageFactory(parent=mine.page)

    def sheet(rows):
        text = "Mã sách,Tên sách,Tác giả\n" + "".join(f"{row}\n" for row in rows)
        return plan_import(read_sheet(io.BytesIO(text.encode()), "sach.csv"), library)

    run_import(sheet(["A-1,Dế Mèn phiêu lưu ký,Tô Hoài"]))
    live_book = BookPage.objects.child_of(library).get()
    assert live_book.live

    report = run_import(
        sheet(["A-1,Dế Mèn phiêu lưu ký,Tô Hoài (tái bản)", "A-2,Tắt đèn,Ngô Tất Tố"]),
        user=editor,
        publish=False,
    )
    assert (report.created, report.updated, report.submitted) == (1, 1, 2)
    new_book = BookPage.objects.child_of(library).get(code="A-2")
    assert not new_book.live and not QRCode.objects.filter(page=new_book).exists()
    live_book.refresh_from_db()
    # The live page keeps its content until the change is approved.
    assert live_book.authors == "Tô Hoài" and live_book.has_unpublished_changes
    assert live_book.get_latest_revision_as_object().authors == "Tô Hoài (tái bản)"
    for page in (new_book, live_book):
        state = page.current_workflow_state
        assert state.workflow == mine.workflow and state.requested_by == editor

    moderator = mine.parent.moderators.user_set.create(username="kiemduyet.q", password="x")
    task_state = new_book.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    new_book.refresh_from_db()
    assert new_book.live and QRCode.objects.filter(page=new_book).exists()


def test_plates_name_the_pages_own_unit(district, home_page):
    from cms.qr.admin_views import unit_name_of

    school = onboard_unit("Trường THCS Sơn Ca", UnitKind.SCHOOL, district).unit
    assert unit_name_of(school.page) == "Trường THCS Sơn Ca"
    street_index = StreetIndexPage.objects.child_of(district.page).get()
    assert unit_name_of(street_index) == "Quận Gò Vấp"


def test_more_of_another_units_admin_urls_are_refused(client, two_schools):
    mine, theirs, editor = two_schools
    client.force_login(editor)
    other = theirs.page.pk
    for url in (
        reverse("sohoa_qr_png", args=[other, "m"]),
        reverse("sohoa_qr_plate", args=[other, "A5"]),
        reverse("sohoa_export", args=[other, "xlsx"]),
        reverse("wagtailadmin_pages:history", args=[other]),
        reverse("wagtailadmin_pages:revisions_index", args=[other]),
        reverse("wagtailadmin_pages:copy", args=[other]),
    ):
        assert refused(client.get(url)), url
    assert refused(client.post(reverse("sohoa_qr_sheet_start", args=[other])))
    assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[other])))
    assert Page.objects.filter(pk=other).exists()


def test_a_moderator_rejects_with_a_comment_and_the_history_shows_who(
    client, two_schools, django_user_model
):
    mine, _theirs, editor = two_schools
    page = mine.page.specific
    page.title = "Trường THCS A – bản sửa"
    page.save_revision(user=editor)
    state = mine.workflow.start(page, editor)
    moderator = django_user_model.objects.create_user("kiemduyet.a", password="Kiem-duyet-2026")
    moderator.groups.add(mine.parent.moderators)
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, moderator, "reject", comment="Thiếu ảnh cổng trường"
    )
    state.refresh_from_db()
    assert state.status == "needs_changes"
    page.refresh_from_db()
    assert page.title == "Trường THCS A"
    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "kiemduyet.a" in history
    assert (
        "Thiếu ảnh cổng trường"
        in client.get(
            reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk])
        ).content.decode()
    )
