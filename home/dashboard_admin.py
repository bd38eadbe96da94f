"""The admin's report dashboard ("Số liệu báo cáo", under Reports): a unit's figures over a
month, a quarter, a year or chosen days, with a chart, its top pages, and the table exported to
.xlsx and .csv for campaign reports. The figures come from home.dashboard.build_report.

Superusers see every unit; a member of a unit's editors or moderators group sees that unit and
the units below it; everyone else is refused, by menu and by URL (a unit one may not see is a
403 even when typed by hand).
"""

import csv
import io

import openpyxl
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.folding import fold
from home.dashboard import (
    FIGURES,
    MAX_PERIOD_DAYS,
    Period,
    PeriodKind,
    build_report,
    export_headings,
    export_rows,
    report_title,
    short_date,
)
from home.models import Unit

EXPORT_FORMATS = ("xlsx", "csv")
# Excel reads a CSV as the local code page unless it starts with a byte order mark.
UTF8_BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The form's fields that matter for each kind of period; the others are ignored.
PERIOD_FIELDS = {
    PeriodKind.MONTH: ("month", "year"),
    PeriodKind.QUARTER: ("quarter", "year"),
    PeriodKind.YEAR: ("year",),
    PeriodKind.CUSTOM: ("start", "end"),
}
DATE_INPUT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def visible_units(user):
    """The units whose figures `user` may see: every unit for a superuser, else each unit of
    whose editors or moderators group they are a member, and the units below it."""
    if not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    paths = set(
        Unit.objects.filter(Q(editors__user=user) | Q(moderators__user=user)).values_list(
            "page__path", flat=True
        )
    )
    if not paths:
        return Unit.objects.none()
    below = Q()
    for prefix in paths:
        below |= Q(page__path__startswith=prefix)
    return Unit.objects.filter(below)


def may_see_reports(user):
    return visible_units(user).exists()


def today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


class ReportForm(forms.Form):
    """The unit and the period, read from the query string (a report is a link one can share).
    Every field may be left out: the default is the first unit one may see, this month."""

    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("There is no such unit.")},
    )
    period = forms.ChoiceField(
        label=gettext_lazy("Report period"),
        choices=PeriodKind.choices,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Choose a month, a quarter, a year or days.")
        },
    )
    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"),
        choices=[(number, number) for number in range(1, 13)],
        coerce=int,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a month from 1 to 12.")},
    )
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"),
        choices=[(number, number) for number in range(1, 5)],
        coerce=int,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a quarter from 1 to 4.")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": gettext_lazy("Write the year in figures, for example 2026."),
            "min_value": gettext_lazy("Choose a year from 2000 to 2100."),
            "max_value": gettext_lazy("Choose a year from 2000 to 2100."),
        },
    )
    start = forms.DateField(
        label=pgettext_lazy("start of a period", "From"),
        input_formats=DATE_INPUT_FORMATS,
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "invalid": gettext_lazy("Write the date as dd/mm/yyyy, for example 31/03/2026.")
        },
    )
    end = forms.DateField(
        label=pgettext_lazy("end of a period", "To"),
        input_formats=DATE_INPUT_FORMATS,
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "invalid": gettext_lazy("Write the date as dd/mm/yyyy, for example 31/03/2026.")
        },
    )

    def __init__(self, data, *, units, **kwargs):
        now = today()
        initial = {
            "unit": units[0].pk,
            "period": PeriodKind.MONTH,
            "month": now.month,
            "quarter": (now.month - 1) // 3 + 1,
            "year": now.year,
        }
        super().__init__(data, initial=initial, **kwargs)
        self.units = units
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])
        depth = min(unit.page.depth for unit in units)
        # The units in tree order, indented by level, without a query per option.
        self.fields["unit"].choices = [
            (unit.pk, f"{'— ' * (unit.page.depth - depth)}{unit.name}") for unit in units
        ]

    def value_of(self, name):
        value = self.cleaned_data.get(name)
        return self.initial[name] if value in (None, "") else value

    def clean(self):
        cleaned = super().clean()
        kind = self.value_of("period")
        # Leftovers of another kind of period (a month still in the link of a custom
        # period) never block a report.
        for name in ("month", "quarter", "year", "start", "end"):
            if name not in PERIOD_FIELDS[kind] and name in self._errors:
                del self._errors[name]
        if any(name in self._errors for name in PERIOD_FIELDS[kind]):
            return cleaned
        cleaned["unit"] = cleaned.get("unit") or self.units[0]
        cleaned["report_period"] = self.period_of(kind)
        return cleaned

    def period_of(self, kind):
        if kind == PeriodKind.MONTH:
            return Period.month(self.value_of("year"), self.value_of("month"))
        if kind == PeriodKind.QUARTER:
            return Period.quarter(self.value_of("year"), self.value_of("quarter"))
        if kind == PeriodKind.YEAR:
            return Period.year(self.value_of("year"))
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if start is None:
            self.add_error("start", _("Choose the first day of the period."))
        if end is None:
            self.add_error("end", _("Choose the last day of the period."))
        if start is None or end is None:
            return None
        if start > end:
            self.add_error(
                "end",
                _("The last day (%(end)s) is before the first day (%(start)s).")
                % {"start": short_date(start), "end": short_date(end)},
            )
            return None
        if (end - start).days >= MAX_PERIOD_DAYS:
            self.add_error("end", _("Choose a period of at most ten years."))
            return None
        return Period.custom(start, end)


def refuse_hidden_unit(unit_id, units):
    """403 for a unit that exists but is not among those one may see. (An id that is no unit
    at all is the form's to answer, with a message.)"""
    if not unit_id or not unit_id.isdigit():
        return
    if int(unit_id) in {unit.pk for unit in units}:
        return
    if Unit.objects.filter(pk=int(unit_id)).exists():
        raise PermissionDenied


def period_query(period):
    """The query string fields that choose `period` again (for links to sub-units' reports)."""
    if period.kind == PeriodKind.CUSTOM:
        return {
            "period": period.kind,
            "start": short_date(period.start),
            "end": short_date(period.end),
        }
    values = {"period": period.kind, "year": period.start.year}
    if period.kind == PeriodKind.MONTH:
        values["month"] = period.start.month
    elif period.kind == PeriodKind.QUARTER:
        values["quarter"] = (period.start.month - 1) // 3 + 1
    return values


def report_url(unit, period, **extra):
    query = {"unit": unit.pk, **period_query(period), **extra}
    return f"{reverse('sohoa_unit_report')}?{urlencode(query)}"


def unit_report(request):
    units = list(visible_units(request.user).select_related("page").order_by("page__path"))
    if not units:
        raise PermissionDenied
    refuse_hidden_unit(request.GET.get("unit", ""), units)
    form = ReportForm(request.GET, units=units)
    if not form.is_valid():
        context = {"form": form, "report": None}
        return TemplateResponse(request, "home/admin/dashboard.html", context, status=400)
    report = build_report(form.cleaned_data["unit"], form.cleaned_data["report_period"])
    export = request.GET.get("export")
    if export == "xlsx":
        return xlsx_response(report)
    if export == "csv":
        return csv_response(report)
    return TemplateResponse(
        request, "home/admin/dashboard.html", {"form": form, **report_context(report)}
    )


def grouped(number):
    """1234567 as "1.234.567": Django's Vietnamese formats give the separator but no grouping
    (NUMBER_GROUPING is 0 there), so `floatformat` and `localize` would print 1234567."""
    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


def report_context(report):
    period = report.period
    return {
        "report": report,
        "title": report_title(report),
        "period_dates": (short_date(period.start), short_date(period.end)),
        "headings": [heading for _key, heading in FIGURES],
        # (label, link to the sub-unit's own report for the same period, figures): whoever
        # sees a unit sees the units below it; the first row is the unit's own pages.
        "table_rows": [
            (
                row.label,
                report_url(row.unit, period) if index else None,
                [grouped(value) for value in row.values()],
            )
            for index, row in enumerate(report.rows)
        ],
        "total_row": (report.total.label, [grouped(value) for value in report.total.values()]),
        "series_rows": [
            (point.label, grouped(point.views), grouped(point.scans), grouped(point.ebook_opens))
            for point in report.series
        ],
        "top_rows": [
            (page.page_id, page.title, page.kind, grouped(page.views), grouped(page.scans))
            for page in report.top_pages
        ],
        "export_links": [
            (fmt, report_url(report.unit, period, export=fmt)) for fmt in EXPORT_FORMATS
        ],
        "chart": {
            "labels": [point.label for point in report.series],
            "series": [
                {"label": _("Page views"), "data": [point.views for point in report.series]},
                {"label": _("QR scans"), "data": [point.scans for point in report.series]},
                {
                    "label": _("E-book opens"),
                    "data": [point.ebook_opens for point in report.series],
                },
            ],
        },
    }


# Export -------------------------------------------------------------------------------------


def export_filename(report, extension):
    unit = slugify(fold(report.unit.name)) or "don-vi"
    return f"so-lieu-{unit}-{report.period.slug}.{extension}"


def attachment(response, report, extension):
    response["Content-Disposition"] = f'attachment; filename="{export_filename(report, extension)}"'
    return response


def csv_response(report):
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer)
    writer.writerow(export_headings())
    writer.writerows(export_rows(report))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return attachment(response, report, "csv")


def xlsx_response(report):
    workbook = openpyxl.Workbook()
    units_sheet(workbook.active, report)
    series_sheet(workbook.create_sheet(), report)
    top_pages_sheet(workbook.create_sheet(), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    return attachment(response, report, "xlsx")


def write_table(sheet, title, headings, lines, widths):
    """A title line, a bold heading line, then `lines`; numbers grouped by thousands."""
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(headings)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in lines:
        sheet.append(line)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C3" if len(widths) > 2 else "A3"


def units_sheet(sheet, report):
    sheet.title = _("By unit")[:31]
    headings = export_headings()
    write_table(
        sheet,
        report_title(report),
        headings,
        export_rows(report),
        [6, 40, *[14] * (len(headings) - 2)],
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def series_sheet(sheet, report):
    sheet.title = _("Over time")[:31]
    write_table(
        sheet,
        f"{report_title(report)} – {_('over time')}",
        [
            _("Time"),
            pgettext("start of a period", "From"),
            pgettext("end of a period", "To"),
            _("Page views"),
            _("QR scans"),
            _("E-book opens"),
        ],
        [
            [
                point.label,
                short_date(point.first),
                short_date(point.last),
                point.views,
                point.scans,
                point.ebook_opens,
            ]
            for point in report.series
        ],
        [24, 12, 12, 14, 14, 14],
    )


def top_pages_sheet(sheet, report):
    sheet.title = _("Top pages")[:31]
    write_table(
        sheet,
        f"{report_title(report)} – {_('top pages')}",
        [_("No."), _("Page"), _("Page kind"), _("Page views"), _("QR scans")],
        [
            [number, page.title, page.kind, page.views, page.scans]
            for number, page in enumerate(report.top_pages, 1)
        ],
        [6, 50, 20, 14, 14],
    )


# Hooks --------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("reports/units/", unit_report, name="sohoa_unit_report")]


class UnitReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_dashboard_menu_item():
    return UnitReportMenuItem(
        gettext_lazy("Report figures"),
        reverse("sohoa_unit_report"),
        name="unit-report",
        icon_name="table",
        order=1250,
    )
