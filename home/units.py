"""Onboarding a unit in one step: its pages, groups, permissions, collection, workflow, editor.

    result = onboard_unit("Trường THCS Sơn Ca", UnitKind.SCHOOL, parent=district,
                          editor_email="doantruong.sonca@example.vn")

Shared by `manage.py onboard_unit`, `manage.py onboard_units FILE` and the admin's units views.
Running it again for the same unit (same name, folded, under the same unit above) changes
nothing: what exists is kept and what is missing is added back, so it also repairs a unit
whose group or permission was removed by hand.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.folding import fold
from cms.importing.messages import lazy_message
from heritage.models import HeritageIndexPage, OfficeIndexPage, StreetIndexPage
from home.models import (
    EditorAccount,
    HomePage,
    SchoolIndexPage,
    SchoolPage,
    Unit,
    UnitKind,
    UnitPage,
)
from library.models import LibraryPage

# What each kind of unit may sit under.
ALLOWED_PARENTS = {
    UnitKind.PROVINCE: (),
    UnitKind.DISTRICT: (UnitKind.PROVINCE,),
    UnitKind.WARD: (UnitKind.PROVINCE, UnitKind.DISTRICT),
    UnitKind.SCHOOL: (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.WARD),
    UnitKind.LIBRARY: (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.WARD, UnitKind.SCHOOL),
}
# Editors write and submit; moderators also publish, and approve the units below them.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
MODERATOR_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish_page", "unlock_page")
MEDIA_PERMISSIONS = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)
# The sections a district or ward starts with (titles are content, in Vietnamese).
UNIT_SECTIONS = (
    (SchoolIndexPage, "Trường học"),
    (StreetIndexPage, "Tuyến đường"),
    (HeritageIndexPage, "Di tích – Địa chỉ đỏ"),
    (OfficeIndexPage, "Văn phòng khu phố"),
)
# One-time passwords: no 0/O, 1/l/I that a volunteer would misread from a printout.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class OnboardingError(ValueError):
    """Why a unit cannot be onboarded, in words for the person onboarding it; `field` is the
    input at fault (name, kind, parent, email, level) for a form or a sheet's column."""

    def __init__(self, message, field=""):
        super().__init__(message)
        self.field = field


@dataclass
class Onboarded:
    unit: Unit
    created: bool
    editor: object = None
    # The editor's one-time password, only when the account was made now.
    password: str | None = None


def unit_key(name):
    return " ".join(fold(name).split())


def onboard_unit(name, kind, parent=None, editor_email="", *, level=None):
    """Make (or complete) the unit `name` of `kind` under the unit `parent`. Onboarded."""
    name = " ".join((name or "").split())
    if not name:
        raise OnboardingError(_("The unit needs a name."), "name")
    kind = UnitKind(kind)
    check_parent(kind, parent)
    with transaction.atomic():
        unit = Unit.objects.filter(parent=parent, key=unit_key(name)).first()
        created = unit is None
        if created:
            unit = create_unit(name, kind, parent, level)
        elif unit.kind != kind:
            raise OnboardingError(
                lazy_message(
                    _("“%(name)s” already exists as a %(kind)s."),
                    name=name,
                    kind=unit.get_kind_display(),
                ),
                "kind",
            )
        grant_permissions(unit)
        ensure_workflow(unit)
        editor, password = ensure_editor(unit, editor_email)
    return Onboarded(unit, created, editor, password)


def check_parent(kind, parent):
    allowed = ALLOWED_PARENTS[kind]
    if parent is None and allowed:
        raise OnboardingError(
            lazy_message(_("A %(kind)s needs the unit above it."), kind=UnitKind(kind).label)
        )
    if parent is not None and parent.kind not in allowed:
        raise OnboardingError(
            lazy_message(
                _("A %(kind)s cannot be placed under “%(parent)s” (a %(parent_kind)s)."),
                kind=UnitKind(kind).label,
                parent=parent.name,
                parent_kind=parent.get_kind_display(),
            ),
            "parent",
        )


# Pages ------------------------------------------------------------------------------------


def create_unit(name, kind, parent, level):
    page = root_page_for(name, kind, parent, level)
    unit = Unit(name=name, key=unit_key(name), kind=kind, parent=parent, page=page)
    unit.editors = group_named(_("Editors"), name, parent)
    unit.moderators = group_named(_("Moderators"), name, parent)
    unit.collection = collection_for(name, parent)
    unit.save()
    return unit


def root_page_for(name, kind, parent, level):
    """The unit's page: found under its parent when one of that name is there already (a
    site built before onboarding), else made and published."""
    if kind == UnitKind.PROVINCE:
        return adopt_or_add(Page.get_first_root_node(), HomePage, name)
    if kind in (UnitKind.DISTRICT, UnitKind.WARD):
        page, created = adopt_or_add(parent.page, UnitPage, name, report_created=True)
        if created:
            for model, title in UNIT_SECTIONS:
                adopt_or_add(page, model, title)
        return page
    if kind == UnitKind.SCHOOL:
        index = section_of(parent.page, SchoolIndexPage, "Trường học")
        return adopt_or_add(index, SchoolPage, name, level=level or school_level(name))
    return adopt_or_add(parent.page, LibraryPage, name)


def adopt_or_add(parent_page, model, title, *, report_created=False, **fields):
    existing = model.objects.child_of(parent_page).filter(title=title, unit__isnull=True).first()
    created = existing is None
    page = existing or publish(parent_page, model(title=title, **fields))
    return (page, created) if report_created else page


def publish(parent_page, page):
    parent_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def section_of(unit_page, model, title):
    """The unit's index of that kind (the first one), made if the unit has none."""
    return model.objects.child_of(unit_page).first() or publish(unit_page, model(title=title))


def school_level(name):
    from cms.importing.kinds import SCHOOL_LEVEL_PARSER

    level = SCHOOL_LEVEL_PARSER.guess_from(name)
    if level is None:
        raise OnboardingError(
            lazy_message(
                _(
                    "Cannot tell the level of “%(name)s” from its name: give the level (for example THCS, THPT, Tiểu học)."
                ),
                name=name,
            ),
            "level",
        )
    return level


# Groups, collection, permissions ----------------------------------------------------------


def group_named(role, name, parent):
    """A new group "role – unit", told apart by the unit above when the name is taken."""
    label = f"{role} – {name}"
    if Group.objects.filter(name=label).exists() and parent is not None:
        label = f"{role} – {name} ({parent.name})"
    if Group.objects.filter(name=label).exists():
        label = f"{label} #{Group.objects.count() + 1}"
    return Group.objects.create(name=label[:150])


def collection_for(name, parent):
    above = parent.collection if parent else Collection.get_first_root_node()
    return above.add_child(name=name[:255])


def grant_permissions(unit):
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group, page_codenames in (
        (unit.editors, EDITOR_PAGE_PERMISSIONS),
        (unit.moderators, MODERATOR_PAGE_PERMISSIONS),
    ):
        group.permissions.add(admin_access)
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=page_codenames
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=unit.page, permission=permission
            )
        for permission in Permission.objects.filter(
            content_type__app_label__in=("wagtailimages", "wagtaildocs"),
            codename__in=MEDIA_PERMISSIONS,
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=unit.collection, permission=permission
            )


def ensure_workflow(unit):
    """The unit's pages go to the moderators of the unit above (its own, at the top)."""
    if unit.workflow is None:
        approver = unit.approver
        task = GroupApprovalTask.objects.create(
            name=str(lazy_message(_("Approval by %(unit)s"), unit=approver.name))[:255]
        )
        task.groups.set([approver.moderators])
        unit.workflow = Workflow.objects.create(
            name=str(lazy_message(_("Pages of %(unit)s"), unit=unit.name))[:255]
        )
        WorkflowTask.objects.create(workflow=unit.workflow, task=task, sort_order=0)
        unit.save(update_fields=["workflow"])
    WorkflowPage.objects.update_or_create(page=unit.page, defaults={"workflow": unit.workflow})


# The first editor -------------------------------------------------------------------------


def ensure_editor(unit, email):
    """(user, one-time password or None): the account for `email` in the unit's editors."""
    email = (email or "").strip().lower()
    if not email:
        return None, None
    try:
        validate_email(email)
    except ValidationError:
        raise OnboardingError(
            lazy_message(_("“%(email)s” is not an e-mail address."), email=email), "email"
        ) from None
    User = get_user_model()
    user = User.objects.filter(username__iexact=email).first()
    password = None
    if user is None:
        password = one_time_password()
        user = User.objects.create_user(username=email, email=email, password=password)
        EditorAccount.objects.create(user=user, unit=unit, one_time_password_hash=user.password)
    user.groups.add(unit.editors)
    return user, password


def one_time_password(length=14):
    """A random password a volunteer can type from a printout; passes the site's validators."""
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))
        try:
            validate_password(password)
        except ValidationError:
            continue
        return password


# First login ------------------------------------------------------------------------------


class OneTimePasswordMiddleware:
    """Sends an editor still using the password onboarding gave them to the account page to
    choose their own, before anything else in the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_change_first(request):
            from django.contrib import messages
            from django.shortcuts import redirect

            messages.warning(
                request,
                _(
                    "Choose your own password before you start: the one you were given works only once."
                ),
            )
            return redirect("wagtailadmin_account")
        return self.get_response(request)

    def must_change_first(self, request):
        from django.urls import reverse

        user = getattr(request, "user", None)
        admin_prefix = reverse("wagtailadmin_home")
        if not (user and user.is_authenticated and request.path.startswith(admin_prefix)):
            return False
        allowed = (reverse("wagtailadmin_account"), reverse("wagtailadmin_logout"))
        if request.path in allowed or request.path.startswith(admin_prefix + "jsi18n"):
            return False
        account = EditorAccount.objects.filter(user=user).first()
        return account is not None and account.must_change_password


# Many units from a spreadsheet ------------------------------------------------------------

SHEET_COLUMNS = {
    "name": ("Tên đơn vị", "Đơn vị", "Tên", "Tên trường", "Unit"),
    "kind": ("Loại", "Loại đơn vị", "Cấp đơn vị", "Kind"),
    "parent": ("Đơn vị cấp trên", "Trực thuộc", "Cấp trên", "Parent"),
    "email": ("Email biên tập viên", "Email", "E-mail", "Thư điện tử"),
    "level": ("Cấp học", "Level"),
}
UNIT_KIND_NAMES = {
    UnitKind.PROVINCE: ("Tỉnh/thành", "Tỉnh", "Thành phố", "Tỉnh đoàn", "Thành đoàn"),
    UnitKind.DISTRICT: ("Quận/huyện", "Quận", "Huyện", "Thị xã", "Quận đoàn", "Huyện đoàn"),
    UnitKind.WARD: ("Phường/xã", "Phường", "Xã", "Thị trấn", "Đoàn phường", "Đoàn xã"),
    UnitKind.SCHOOL: ("Trường", "Trường học", "Đoàn trường", "Liên đội"),
    UnitKind.LIBRARY: ("Thư viện",),
}


@dataclass
class SheetRow:
    row_number: int
    name: str
    kind: str | None
    parent_name: str
    email: str
    level: str | None


def sheet_known_headers():
    from cms.importing.cells import header_key

    return {header_key(name) for names in SHEET_COLUMNS.values() for name in names}


def read_units_sheet(file_obj, filename):
    """(rows, errors) of a sheet of units; errors are (row number, column, message)."""
    from cms.importing.cells import ChoiceParser, header_key
    from cms.importing.messages import validation_messages
    from cms.importing.reading import read_sheet

    sheet = read_sheet(file_obj, filename, known_headers=sheet_known_headers())
    positions = {}
    for index, header in enumerate(sheet.headers):
        for field, names in SHEET_COLUMNS.items():
            if header_key(header) in {header_key(name) for name in names}:
                positions.setdefault(field, index)
    errors = [
        (sheet.header_row_number, SHEET_COLUMNS[field][0], _("This column is missing."))
        for field in ("name", "kind", "parent")
        if field not in positions
    ]
    if errors:
        return [], errors
    kinds = ChoiceParser(
        UnitKind, UNIT_KIND_NAMES, _("The kind “%(value)s” is not known. Use one of: %(known)s.")
    ).bind()
    rows = []
    for cells, row_number in zip(sheet.rows, sheet.row_numbers, strict=True):

        def cell(field, cells=cells):
            index = positions.get(field)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        try:
            kind = kinds(cell("kind"))
        except ValidationError as error:
            errors.extend(
                (row_number, SHEET_COLUMNS["kind"][0], m) for m in validation_messages(error)
            )
            kind = None
        rows.append(
            SheetRow(
                row_number, cell("name"), kind, cell("parent"), cell("email"), cell("level") or None
            )
        )
    return rows, errors


def onboard_units(rows, *, within=None, progress=None):
    """Onboard the sheet's rows in one transaction, parents before children (a row may name a
    unit made by a row above or below it). (results, errors): nothing is made when any row
    fails. `within`, when given, are the units whose subtree the rows must stay in."""
    errors, results = [], []
    progress = progress or (lambda done, total: None)
    try:
        with transaction.atomic():
            pending = list(rows)
            while pending:
                progressed = False
                for row in list(pending):
                    parent = parent_of(row, pending)
                    if parent is WAITING:
                        continue
                    pending.remove(row)
                    progressed = True
                    try:
                        results.append(onboard_row(row, parent, within))
                        progress(len(results), len(rows))
                    except OnboardingError as error:
                        column = SHEET_COLUMNS.get(error.field, ("",))[0]
                        errors.append((row.row_number, column, error.args[0]))
                if not progressed:
                    for row in pending:
                        errors.append(
                            (row.row_number, SHEET_COLUMNS["parent"][0], unknown_parent(row))
                        )
                    break
            if errors:
                raise RollBack
    except RollBack:
        return [], sorted(errors, key=lambda error: error[0])
    return results, []


class RollBack(Exception):
    pass


WAITING = object()


def parent_of(row, pending):
    """The existing unit the row names as its parent; WAITING while a pending row will make it;
    None for a top unit."""
    if not row.parent_name:
        return None
    key = unit_key(row.parent_name)
    matches = list(Unit.objects.filter(key=key)[:2])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        return OnboardingError(
            lazy_message(
                _("Several units are named “%(name)s”: onboard this row from the admin instead."),
                name=row.parent_name,
            ),
            "parent",
        )
    if any(unit_key(other.name) == key for other in pending if other is not row):
        return WAITING
    return OnboardingError(unknown_parent(row), "parent")


def unknown_parent(row):
    return lazy_message(
        _("There is no unit named “%(name)s” (nor a row above or below that makes it)."),
        name=row.parent_name,
    )


def onboard_row(row, parent, within):
    if isinstance(parent, OnboardingError):
        raise parent
    if not row.name:
        raise OnboardingError(_("The unit needs a name."), "name")
    if row.kind is None:
        raise OnboardingError(_("The kind of unit is not known."), "kind")
    if within is not None and (
        parent is None or not any(parent.page.path.startswith(unit.page.path) for unit in within)
    ):
        raise OnboardingError(
            lazy_message(
                _("You may only add units under your own: “%(name)s” is not one of them."),
                name=row.parent_name or row.name,
            )
        )
    level = None
    if row.level:
        from cms.importing.kinds import SCHOOL_LEVEL_PARSER

        try:
            level = SCHOOL_LEVEL_PARSER(row.level)
        except ValidationError:
            raise OnboardingError(
                lazy_message(_("The school level “%(value)s” is not known."), value=row.level),
                "level",
            ) from None
    return onboard_unit(row.name, row.kind, parent, row.email, level=level)
