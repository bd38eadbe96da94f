"""Import a spreadsheet under a page from the admin: upload, see the mapping and a preview with
every problem, then import in the background with a progress bar; export the same columns.

The same code as `manage.py import_sheet` (cms.importing) does the reading, checking and
writing; these views only carry the file between the steps. Every view checks that the user
may add pages under the parent, so a URL typed by hand reaches nothing the menus would not show.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from cms.importing import (
    SheetError,
    export_sheet,
    import_kind_for,
    plan_import,
    read_sheet,
    run_import,
)
from cms.jobs import BackgroundJob

PREVIEW_ROWS = 20
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def importable_page(request, page_id):
    """The page rows are imported under, if this user may add pages there."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    if import_kind_for(page) is None:
        raise Http404(_("Spreadsheets cannot be imported under this page."))
    return page


def planned(job, status, page):
    """Read the uploaded file again and plan its import (plans are cheap next to writing):
    (sheet, plan)."""
    with open(job.file(".upload"), "rb") as upload:
        sheet = read_sheet(upload, status["filename"])
    return sheet, plan_import(sheet, page)


def upload_form(request, page, error="", status=200):
    kind = import_kind_for(page)
    context = {
        "page": page,
        "kind": kind,
        "error": error,
        "has_rows": kind.model.objects.child_of(page).exists(),
    }
    return TemplateResponse(request, "importing/admin/upload.html", context, status=status)


def import_start(request, page_id):
    """GET: the upload form. POST: keep the file, then show its preview."""
    page = importable_page(request, page_id)
    if request.method != "POST":
        return upload_form(request, page)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        return upload_form(request, page, _("Choose a spreadsheet file to import."), 400)
    if uploaded.size > MAX_UPLOAD_BYTES:
        message = _("The file is too large (%(size)s MB); the limit is %(limit)s MB.") % {
            "size": round(uploaded.size / 1024 / 1024, 1),
            "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
        }
        return upload_form(request, page, message, 400)
    job = BackgroundJob.new(page_id=page.pk, user_id=request.user.pk, filename=uploaded.name)
    with open(job.file(".upload"), "wb") as kept:
        for chunk in uploaded.chunks():
            kept.write(chunk)
    try:  # an unreadable file is refused here; rows are checked on the preview
        with open(job.file(".upload"), "rb") as upload:
            read_sheet(upload, uploaded.name)
    except SheetError as error:
        return upload_form(request, page, str(error), 400)
    return redirect("sohoa_import_preview", page_id=page.pk, job_id=job.job_id)


def import_preview(request, page_id, job_id):
    """What the file holds, how its columns were understood, and every problem found."""
    page = importable_page(request, page_id)
    job, status = BackgroundJob.owned(job_id, page=page, user=request.user)
    if status["state"] != "waiting":
        return redirect("sohoa_import_progress", page_id=page.pk, job_id=job.job_id)
    try:
        sheet, plan = planned(job, status, page)
    except SheetError as error:
        return upload_form(request, page, str(error), 400)
    columns = {column.field: column for column in plan.kind.columns}
    sheet_headers = dict(enumerate(sheet.headers))
    context = {
        "page": page,
        "job_id": job.job_id,
        "filename": status["filename"],
        "plan": plan,
        "counts": plan.counts(),
        "mapping": [
            (sheet_headers.get(index, ""), columns[field].label_vi if field in columns else field)
            for index, field in sorted(plan.mapping.items())
        ],
        "preview_rows": [
            (row, [row.values.get(field) for _index, field in sorted(plan.mapping.items())])
            for row in plan.rows[:PREVIEW_ROWS]
        ],
        "field_labels": [
            columns[field].label_vi if field in columns else field
            for _index, field in sorted(plan.mapping.items())
        ],
        "errors": plan.errors,
    }
    return TemplateResponse(request, "importing/admin/preview.html", context)


@require_POST
def import_run(request, page_id, job_id):
    """Import in the background: everything, or (asked for explicitly) only the valid rows."""
    page = importable_page(request, page_id)
    job, status = BackgroundJob.owned(job_id, page=page, user=request.user)
    if status["state"] != "waiting":
        return redirect("sohoa_import_progress", page_id=page.pk, job_id=job.job_id)
    keep_valid = request.POST.get("keep_valid") == "1"
    _sheet, plan = planned(job, status, page)
    if not plan.is_valid and not keep_valid:
        return redirect("sohoa_import_preview", page_id=page.pk, job_id=job.job_id)
    user = request.user
    language = translation.get_language()
    # An editor who may not publish here imports drafts, submitted for approval.
    publish = page.permissions_for_user(user).can_publish_subpage()

    def work(progress):
        with translation.override(language):
            report = run_import(
                plan, keep_valid=keep_valid, progress=progress, user=user, publish=publish
            )
            return {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped_invalid": report.skipped_invalid,
                "files_stored": report.files_stored,
                "submitted": report.submitted,
                "link_notes": [
                    {"row": note.row_number, "column": note.column, "message": str(note.message)}
                    for note in report.link_notes
                ],
            }

    job.start(work, total=len(plan.rows))
    return redirect("sohoa_import_progress", page_id=page.pk, job_id=job.job_id)


def import_progress(request, page_id, job_id):
    """The import's progress (refreshes itself without JavaScript), or JSON for the bar."""
    page = importable_page(request, page_id)
    job, status = BackgroundJob.owned(job_id, page=page, user=request.user)
    if request.GET.get("format") == "json":
        return JsonResponse({key: status.get(key) for key in ("state", "done", "total", "stage")})
    context = {"page": page, "job_id": job.job_id, "status": status}
    return TemplateResponse(request, "importing/admin/progress.html", context)


def export(request, page_id, fmt):
    page = importable_page(request, page_id)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    content, content_type, filename = export_sheet(page, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import/<int:page_id>/", import_start, name="sohoa_import"),
        path("import/<int:page_id>/<str:job_id>/", import_preview, name="sohoa_import_preview"),
        path("import/<int:page_id>/<str:job_id>/run/", import_run, name="sohoa_import_run"),
        path(
            "import/<int:page_id>/<str:job_id>/progress/",
            import_progress,
            name="sohoa_import_progress",
        ),
        path("export/<int:page_id>.<str:fmt>", export, name="sohoa_export"),
    ]


def can_import(page, user):
    return (
        page.depth > 1
        and import_kind_for(page) is not None
        and page.permissions_for_user(user).can_add_subpage()
    )


@hooks.register("register_page_header_buttons")
def import_header_buttons(page, user, view_name, next_url=None):
    if can_import(page, user):
        yield Button(
            gettext_lazy("Import from a spreadsheet"),
            url=reverse("sohoa_import", args=[page.pk]),
            icon_name="upload",
            priority=63,
        )
        yield Button(
            gettext_lazy("Export to Excel"),
            url=reverse("sohoa_export", args=[page.pk, "xlsx"]),
            icon_name="download",
            priority=64,
        )


@hooks.register("register_page_listing_more_buttons")
def import_listing_button(page, user, next_url=None):
    if can_import(page, user):
        yield Button(
            gettext_lazy("Import from a spreadsheet"),
            url=reverse("sohoa_import", args=[page.pk]),
            icon_name="upload",
            priority=46,
        )
