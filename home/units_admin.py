"""The admin's "Units" screens: the units one may manage, onboarding one unit, and onboarding many
from a spreadsheet in the background with a progress bar. The same code as `manage.py
onboard_unit` / `onboard_units` (home.units) does the work.

Superusers manage every unit; a unit's moderators manage the units below it (a district's
moderators onboard its wards and schools). Everyone else is refused, by menu and by URL.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.importing import SheetError
from cms.jobs import BackgroundJob
from home.models import SchoolLevel, Unit, UnitKind
from home.units import OnboardingError, onboard_unit, onboard_units, read_units_sheet

MAX_SHEET_BYTES = 5 * 1024 * 1024


def managed_units(user):
    """The units `user` may manage: all for a superuser, else those below a unit they moderate."""
    if user.is_superuser:
        return Unit.objects.all()
    moderated = Unit.objects.filter(moderators__user=user)
    if not moderated.exists():
        return Unit.objects.none()
    paths = [unit.page.path for unit in moderated.select_related("page")]
    query = Unit.objects.none()
    for prefix in paths:
        query = query | Unit.objects.filter(page__path__startswith=prefix)
    return query


def may_manage_units(user):
    return user.is_active and (
        user.is_superuser or Unit.objects.filter(moderators__user=user).exists()
    )


def require_unit_manager(request):
    if not may_manage_units(request.user):
        raise PermissionDenied


class UnitForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the unit"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Unit above"), queryset=Unit.objects.none(), required=False
    )
    editor_email = forms.EmailField(
        label=gettext_lazy("E-mail of its first editor"),
        required=False,
        help_text=gettext_lazy(
            "An account is made with a one-time password, shown once on the next screen."
        ),
    )
    level = forms.ChoiceField(
        label=gettext_lazy("School level"),
        choices=[("", "—"), *SchoolLevel.choices],
        required=False,
        help_text=gettext_lazy("For a school whose name does not say it."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["parent"].queryset = managed_units(user).select_related("page")
        self.fields["parent"].label_from_instance = lambda unit: (
            f"{'— ' * (unit.page.depth - 2)}{unit.name}"
        )
        if not user.is_superuser:
            self.fields["parent"].required = True

    def onboard(self):
        data = self.cleaned_data
        try:
            return onboard_unit(
                data["name"],
                data["kind"],
                data["parent"],
                data["editor_email"],
                level=data["level"] or None,
            )
        except OnboardingError as error:
            self.add_error(error.field if error.field in self.fields else None, error.args[0])
            return None


def unit_list(request):
    require_unit_manager(request)
    units = (
        managed_units(request.user)
        .select_related("page", "parent")
        .annotate(editor_count=Count("editors__user", distinct=True))
        .order_by("page__path")
    )
    return TemplateResponse(request, "home/admin/units.html", {"units": units})


def unit_add(request):
    require_unit_manager(request)
    form = UnitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = form.onboard()
        if result is not None:
            return TemplateResponse(request, "home/admin/unit_added.html", {"results": [result]})
    return TemplateResponse(request, "home/admin/unit_add.html", {"form": form})


def unit_import(request):
    """GET: the upload form. POST: check the sheet, then onboard it in the background."""
    require_unit_manager(request)
    if request.method != "POST":
        return upload_form(request)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        return upload_form(request, [(None, "", _("Choose a spreadsheet file to import."))])
    if uploaded.size > MAX_SHEET_BYTES:
        return upload_form(request, [(None, "", _("The file is too large."))])
    try:
        rows, errors = read_units_sheet(uploaded, uploaded.name)
    except SheetError as error:
        return upload_form(request, [(None, "", str(error))])
    within = None if request.user.is_superuser else list(managed_units(request.user))
    if errors:
        return upload_form(request, errors)
    job = BackgroundJob.new(page_id=None, user_id=request.user.pk, filename=uploaded.name)
    language = translation.get_language()

    def work(progress):
        with translation.override(language):
            results, problems = onboard_units(rows, within=within, progress=progress)
            return {
                "problems": [[row, column, str(message)] for row, column, message in problems],
                "units": [
                    {
                        "name": result.unit.name,
                        "kind": result.unit.get_kind_display(),
                        "created": result.created,
                        "username": result.editor.get_username() if result.editor else "",
                        "password": result.password or "",
                    }
                    for result in results
                ],
            }

    job.start(work, total=len(rows))
    return redirect("sohoa_units_import_progress", job_id=job.job_id)


def upload_form(request, errors=(), status=200):
    context = {"errors": errors}
    return TemplateResponse(
        request, "home/admin/units_import.html", context, status=400 if errors else status
    )


def unit_import_progress(request, job_id):
    require_unit_manager(request)
    job, status = BackgroundJob.owned(job_id, page=None, user=request.user)
    if request.GET.get("format") == "json":
        return JsonResponse({key: status.get(key) for key in ("state", "done", "total")})
    context = {"job_id": job_id, "status": status}
    response = TemplateResponse(request, "home/admin/units_import_progress.html", context)
    if status.get("state") == "done":
        # One-time passwords are shown once: forget them as soon as the page has them.
        response.render()
        forget_passwords(job, status)
    return response


def forget_passwords(job, status):
    result = status.get("result") or {}
    for unit in result.get("units", []):
        unit["password"] = ""
    job.update(result=result, passwords_shown=True)


@hooks.register("register_admin_urls")
def register_unit_urls():
    return [
        path("units/", unit_list, name="sohoa_units"),
        path("units/add/", unit_add, name="sohoa_units_add"),
        path("units/import/", unit_import, name="sohoa_units_import"),
        path(
            "units/import/<str:job_id>/",
            unit_import_progress,
            name="sohoa_units_import_progress",
        ),
    ]


class UnitsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage_units(request.user)


@hooks.register("register_settings_menu_item")
def register_units_menu_item():
    return UnitsMenuItem(
        gettext_lazy("Units"), reverse("sohoa_units"), icon_name="group", order=150
    )
