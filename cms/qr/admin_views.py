"""The QR page in the admin: code, short link, scans and downloads; bulk sheets with progress.

Every view checks that the user may edit the page, so a URL typed by hand reaches nothing
the menus would not show.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import Page

from cms.checks import site_base_url_problem
from cms.qr import render
from cms.qr.models import QRCode
from cms.qr.sheets import SheetJob, is_label_sheet, print_items

PAPERS = ("A5", "A4")
DEFAULT_GRID = (3, 8)


def editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.specific


def code_of(page):
    qr_code = QRCode.objects.filter(page=page).first()
    if qr_code is None:
        raise Http404(_("This page has no QR code yet: it gets one when first published."))
    return qr_code


def file_name(page, qr_code, extension, suffix=""):
    return f"qr-{qr_code.code}-{slugify(page.title)[:40] or 'trang'}{suffix}.{extension}"


def qr_page(request, page_id):
    page = editable_page(request, page_id)
    qr_code = QRCode.objects.filter(page=page).with_scan_totals().first()
    context = {
        "page": page,
        "qr_code": qr_code,
        "qr_svg": render.qr_svg(qr_code.short_url).decode() if qr_code else "",
        "origin_problem": site_base_url_problem(),
        "papers": PAPERS,
        "png_sizes": render.PNG_SIZES,
        "labels": is_label_sheet(page),
        "children_count": page.get_children().live().count(),
        "grid": "x".join(str(n) for n in DEFAULT_GRID),
    }
    return TemplateResponse(request, "qr/admin/qr_page.html", context)


def download_svg(request, page_id):
    page = editable_page(request, page_id)
    qr_code = code_of(page)
    response = HttpResponse(render.qr_svg(qr_code.short_url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="{file_name(page, qr_code, "svg")}"'
    return response


def download_png(request, page_id, size):
    page = editable_page(request, page_id)
    qr_code = code_of(page)
    if size not in render.PNG_SIZES:
        raise Http404
    image = render.qr_png(qr_code.short_url, size)
    response = HttpResponse(image, content_type="image/png")
    name = file_name(page, qr_code, "png", f"-{size}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def download_plate(request, page_id, paper):
    page = editable_page(request, page_id)
    qr_code = code_of(page)
    if paper not in PAPERS:
        raise Http404
    pdf = render.plate_pdf(
        url=qr_code.short_url,
        title=page.title,
        unit_name=unit_name_of(page),
        code=qr_code.code,
        paper=paper,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = file_name(page, qr_code, "pdf", f"-{paper.lower()}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def unit_name_of(page):
    """The name printed on a page's plates and labels: its own unit's (the nearest onboarded
    unit at or above it, home.models.Unit), else the site's SOHOA_UNIT_NAME."""
    Unit = apps.get_model("home", "Unit")
    unit = (
        Unit.objects.filter(page__in=page.get_ancestors(inclusive=True))
        .order_by("-page__depth")
        .first()
    )
    return unit.name if unit else str(settings.SOHOA_UNIT_NAME)


@require_POST
def start_sheet(request, page_id):
    """Print the labels (library) or plates (index) of a page's children in the background."""
    page = editable_page(request, page_id)
    paper = request.POST.get("paper", "A4")
    try:
        columns, rows = render.parse_grid(request.POST.get("grid", "3x8"))
        if paper not in PAPERS:
            raise ValueError(_("Unknown paper size."))
    except ValueError as error:
        return qr_page_with_error(request, page, str(error))
    items = print_items(page, issue_missing=True)
    if not items:
        return qr_page_with_error(request, page, _("There is nothing published to print here."))
    unit_name = unit_name_of(page)
    if is_label_sheet(page):
        labels = [
            {"url": i.url, "title": i.title, "code": i.book_code, "call_number": i.call_number}
            for i in items
        ]

        def job_render(output, progress):
            render.label_sheet_pdf(
                labels,
                unit_name=unit_name,
                columns=columns,
                rows=rows,
                paper="A4",
                progress=progress,
                output=output,
            )
    else:
        plates = [{"url": i.url, "title": i.title, "code": i.code} for i in items]

        def job_render(output, progress):
            output.write(
                render.plates_pdf(plates, unit_name=unit_name, paper=paper, progress=progress)
            )

    job = SheetJob.start_printing(
        page_id=page.pk, user_id=request.user.pk, render=job_render, total=len(items)
    )
    return redirect("sohoa_qr_sheet", page_id=page.pk, job_id=job.job_id)


def qr_page_with_error(request, page, message):
    response = qr_page(request, page.pk)
    response.context_data["sheet_error"] = message
    response.status_code = 400
    return response


def sheet_status(request, page_id, job_id):
    """The sheet's progress page (refreshes itself without JavaScript), or JSON for the bar."""
    page = editable_page(request, page_id)
    job, status = SheetJob.owned(job_id, page=page, user=request.user)
    if request.GET.get("format") == "json":
        return JsonResponse(status)
    context = {"page": page, "job_id": job.job_id, "status": status}
    return TemplateResponse(request, "qr/admin/sheet.html", context)


def sheet_download(request, page_id, job_id):
    page = editable_page(request, page_id)
    job, status = SheetJob.owned(job_id, page=page, user=request.user)
    if status["state"] != "done" or not job.pdf_path.exists():
        raise Http404
    name = f"qr-{slugify(page.title)[:40] or 'trang'}.pdf"
    return FileResponse(open(job.pdf_path, "rb"), as_attachment=True, filename=name)


@hooks.register("register_admin_urls")
def register_qr_urls():
    return [
        path("qr/<int:page_id>/", qr_page, name="sohoa_qr_page"),
        path("qr/<int:page_id>/qr.svg", download_svg, name="sohoa_qr_svg"),
        path("qr/<int:page_id>/qr-<str:size>.png", download_png, name="sohoa_qr_png"),
        path("qr/<int:page_id>/plate-<str:paper>.pdf", download_plate, name="sohoa_qr_plate"),
        path("qr/<int:page_id>/sheet/", start_sheet, name="sohoa_qr_sheet_start"),
        path("qr/<int:page_id>/sheet/<str:job_id>/", sheet_status, name="sohoa_qr_sheet"),
        path(
            "qr/<int:page_id>/sheet/<str:job_id>/download/",
            sheet_download,
            name="sohoa_qr_sheet_download",
        ),
    ]


class OriginWarningPanel(Component):
    """A loud dashboard warning while printed codes would point to the wrong place."""

    name = "sohoa_origin_warning"
    order = 1
    template_name = "qr/admin/origin_warning.html"

    def get_context_data(self, parent_context=None):
        return {"origin_problem": site_base_url_problem()}


@hooks.register("construct_homepage_panels")
def warn_about_public_origin(request, panels):
    if site_base_url_problem():
        panels.insert(0, OriginWarningPanel())


@hooks.register("register_page_header_buttons")
def qr_header_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(
            gettext_lazy("QR code"),
            url=reverse("sohoa_qr_page", args=[page.pk]),
            icon_name="link",
            priority=62,
        )


@hooks.register("register_page_listing_more_buttons")
def qr_listing_button(page, user, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(
            gettext_lazy("QR code"),
            url=reverse("sohoa_qr_page", args=[page.pk]),
            icon_name="link",
            priority=45,
        )
