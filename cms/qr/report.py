"""The QR scans report in the admin (hooks register here; imported by cms.wagtail_hooks).

One row per QR code whose page still exists: the page, its kind and status, its section and
unit, the code and short link, and scans in the last 7 and 30 days and in total. The admin
report, its CSV/XLSX export and `manage.py qr_export` build their rows with the same
`iter_report_rows()`, so the three always agree.
"""

from itertools import islice

import django_filters
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from wagtail import hooks
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_type_label
from wagtail.models import Page, Revision, WorkflowState, get_page_content_types
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.origin import page_public_url
from cms.qr.models import QRCode

# The section index pages (streets, schools, heritage sites…) sit right under a unit's home page.
SECTION_DEPTH = 3
# The organisational units: a youth union's site, a school, a library.
UNIT_PAGE_TYPES = ("home.HomePage", "home.SchoolPage", "library.LibraryPage")
# Rows decorated at once when streaming an export: one ancestor query per batch.
BATCH_SIZE = 500
# Excel reads a CSV as the local code page unless it starts with a byte order mark.
UTF8_BOM = "\ufeff"

# (attribute of a report row, heading) in the order of the export's columns.
EXPORT_COLUMNS = [
    ("title", _("Page")),
    ("kind", _("Page kind")),
    ("status", _("Status")),
    ("section", _("Section")),
    ("unit", _("Unit")),
    ("code", _("QR code")),
    ("short_url", _("Short link")),
    ("public_url", _("Page address")),
    ("scans_7", _("Scans in the last 7 days")),
    ("scans_30", _("Scans in the last 30 days")),
    ("scans_total", _("Scans in total")),
]


def export_filename(today=None):
    return f"ma-qr-{(today or timezone.localdate()).isoformat()}"


def unit_content_type_ids():
    models = [apps.get_model(label) for label in UNIT_PAGE_TYPES]
    return {
        content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()
    }


def section_pages():
    return Page.objects.filter(depth=SECTION_DEPTH).order_by("path")


def unit_pages():
    return Page.objects.filter(content_type__in=unit_content_type_ids()).order_by("path")


def report_queryset(pages=None, today=None):
    """QR codes of pages that still exist (only of `pages` if given), with their page, scan
    totals, and what the page's status needs (a scheduled revision, a workflow in progress)
    so that no row costs a query."""
    qr_codes = QRCode.objects.filter(page__isnull=False)
    if pages is not None:
        qr_codes = qr_codes.filter(page__in=pages)
    page_id = Cast(OuterRef("page_id"), output_field=CharField())
    scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False, object_id=page_id)
    in_moderation = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=page_id,
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return (
        qr_codes.select_related("page")
        .with_scan_totals(today)
        .annotate(
            page_approved_schedule=Exists(scheduled),
            page_in_moderation=Exists(in_moderation),
        )
    )


def page_status(qr_code):
    """Wagtail's own status text for the code's page ("live + draft"…), from the annotations
    of `report_queryset()`: the attributes set here are the ones Wagtail's listing
    optimisations (`annotate_approved_schedule`, `prefetch_workflow_states`) fill in."""
    page = qr_code.page
    page._approved_schedule = qr_code.page_approved_schedule
    page._current_workflow_states = (
        [WorkflowState(status=WorkflowState.STATUS_IN_PROGRESS)]
        if qr_code.page_in_moderation
        else []
    )
    return str(page.status_string)


def ancestors_by_path(pages):
    """Every strict ancestor of the given pages, by tree path, in one query.

    A page's ancestor at depth d has the first d steps of its treebeard path.
    """
    steplen = Page.steplen
    paths = {page.path[: depth * steplen] for page in pages for depth in range(1, page.depth)}
    if not paths:
        return {}
    ancestors = Page.objects.filter(path__in=paths).only("path", "depth", "title", "content_type")
    return {ancestor.path: ancestor for ancestor in ancestors}


def lineage(page, ancestors):
    """The page, then its parent, and so on up to the root (nearest first)."""
    steplen = Page.steplen
    chain = [page]
    for depth in range(page.depth - 1, 0, -1):
        ancestor = ancestors.get(page.path[: depth * steplen])
        if ancestor is not None:
            chain.append(ancestor)
    return chain


def nearest_unit(chain, unit_type_ids):
    """The organisational unit a page belongs to: the first of the page and its ancestors
    (nearest first) that is a home page, a school or a library."""
    return next((page for page in chain if page.content_type_id in unit_type_ids), None)


def attach_report_fields(qr_codes):
    """Give each QR code (from `report_queryset()`) the report's computed columns, with one
    query for the whole list: title, kind, status, section, unit and public URL."""
    ancestors = ancestors_by_path([qr_code.page for qr_code in qr_codes])
    unit_type_ids = unit_content_type_ids()
    for qr_code in qr_codes:
        page = qr_code.page
        chain = lineage(page, ancestors)
        section = next((p for p in chain if p.depth == SECTION_DEPTH), None)
        unit = nearest_unit(chain, unit_type_ids)
        qr_code.title = page.title
        qr_code.kind = get_content_type_label(ContentType.objects.get_for_id(page.content_type_id))
        qr_code.status = page_status(qr_code)
        qr_code.section = section.title if section else ""
        qr_code.unit = unit.title if unit else ""
        qr_code.public_url = (page_public_url(page) or "") if page.live else ""
    return qr_codes


def iter_report_rows(qr_codes, batch_size=BATCH_SIZE):
    """Stream report rows from a `report_queryset()`, a batch at a time: memory and queries
    stay flat however many codes there are (two queries per batch)."""
    iterator = qr_codes.iterator(chunk_size=batch_size)
    while batch := list(islice(iterator, batch_size)):
        yield from attach_report_fields(batch)


def row_values(qr_code):
    """A decorated row as the list of export values, in `EXPORT_COLUMNS` order."""
    return [getattr(qr_code, field) for field, _heading in EXPORT_COLUMNS]


def export_headings():
    return [str(heading) for _field, heading in EXPORT_COLUMNS]


class SubtreeFilter(django_filters.ModelChoiceFilter):
    """Rows whose page is the chosen page or below it."""

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        return queryset.filter(page__path__startswith=value.path)


class QRCodeReportFilterSet(WagtailFilterSet):
    section = SubtreeFilter(
        label=_("Section"),
        queryset=lambda request: section_pages(),
        empty_label=_("All sections"),
    )
    unit = SubtreeFilter(
        label=_("Unit"),
        queryset=lambda request: unit_pages(),
        empty_label=_("All units"),
        help_text=_("Pages of this unit and of the units under it."),
    )
    kind = ContentTypeFilter(
        label=_("Page kind"),
        field_name="page__content_type",
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
        empty_label=_("All kinds"),
    )

    class Meta:
        model = QRCode
        fields = []


def edit_url(qr_code):
    return reverse("wagtailadmin_pages:edit", args=[qr_code.page_id])


class LinkColumn(Column):
    cell_template_name = "qr/admin/report_link_cell.html"


class QRCodeReportView(ReportView):
    page_title = _("QR codes")
    header_icon = "link"
    verbose_name = _("QR code")
    verbose_name_plural = _("QR codes")
    index_url_name = "sohoa_qr_report"
    index_results_url_name = "sohoa_qr_report_results"
    filterset_class = QRCodeReportFilterSet
    any_permission_required = ["add", "change", "publish"]
    default_ordering = "-scans_total"
    columns = [
        TitleColumn("title", label=_("Page"), get_url=edit_url, sort_key="page__title"),
        Column("kind", label=_("Page kind")),
        StatusTagColumn("status", label=_("Status"), primary=lambda qr_code: qr_code.page.live),
        Column("section", label=_("Section")),
        Column("unit", label=_("Unit")),
        Column("code", label=_("QR code"), sort_key="code"),
        LinkColumn("short_url", label=_("Short link")),
        NumberColumn("scans_7", label=_("Scans in the last 7 days"), sort_key="scans_7"),
        NumberColumn("scans_30", label=_("Scans in the last 30 days"), sort_key="scans_30"),
        NumberColumn("scans_total", label=_("Scans in total"), sort_key="scans_total"),
    ]
    list_export = [field for field, _heading in EXPORT_COLUMNS]
    export_headings = dict(EXPORT_COLUMNS)

    @cached_property
    def permission_policy(self):
        # The rows are QR codes, but who may see them is a matter of page permissions.
        return PagePermissionPolicy()

    def get_filename(self):
        return export_filename()

    def get_base_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return report_queryset(pages=editable)

    def order_queryset(self, queryset):
        # Codes tie on scans all the time (most have none): the code keeps pages stable.
        return queryset.order_by(self.ordering, "code")

    def get(self, request, *args, **kwargs):
        if self.is_export:
            # Straight to the stream: the listing context would load every row at once.
            rows = iter_report_rows(self.get_filtered_queryset())
            return self.as_spreadsheet(rows, request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def decorate_paginated_queryset(self, object_list):
        # In place: the listing's table holds these same objects.
        attach_report_fields(list(object_list))
        return object_list

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)


class QRCodeReportMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, QRCodeReportView.any_permission_required
        )


@hooks.register("register_admin_urls")
def register_qr_report_urls():
    return [
        path("reports/qr-codes/", QRCodeReportView.as_view(), name="sohoa_qr_report"),
        path(
            "reports/qr-codes/results/",
            QRCodeReportView.as_view(results_only=True),
            name="sohoa_qr_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_qr_report_menu_item():
    return QRCodeReportMenuItem(
        _("QR codes"),
        reverse("sohoa_qr_report"),
        name="qr-codes",
        icon_name="link",
        order=1300,
    )
