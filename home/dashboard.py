"""The figures of the report dashboard: for a unit and the units directly below it, over a
period, what campaign reports ask for (pages by kind, QR codes issued, scans, views, e-books
and their opens), the unit's top pages and its figures over time.

    report = build_report(unit, Period.month(2026, 3))
    report.rows      # the unit's own pages, then a row per unit directly below it
    report.total     # the whole subtree
    report.series    # views, scans and opens per day, week or month
    report.top_pages

The admin's dashboard, its CSV/XLSX export and bench/dashboard.py all call `build_report`, so
the three always agree. Its number of queries does not depend on how many units there are:
every figure is one query over the unit's subtree, grouped by the leading steps of the pages'
tree paths, and each group is given to the row of the sub-unit whose page path it starts with.

Counts of pages deleted since stay in the figures of the period and of the unit they belonged
to (their counts keep their former tree position), and so do the QR codes issued for them: a
report of last month does not change when a page is deleted today.
"""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_content_type_label
from wagtail.models import Page

from cms.counting import QR_SCANS, CountKind, PageCountDay, counts_by_day, counts_by_page
from cms.qr.models import QRCode, QRScanDay
from home.models import Unit

# (figure, page model, heading): live pages of each kind that campaigns count.
PAGE_KINDS = (
    ("schools", "home.SchoolPage", _("Schools")),
    ("libraries", "library.LibraryPage", _("Libraries")),
    ("books", "library.BookPage", _("Books")),
    ("streets", "heritage.StreetPage", _("Streets")),
    ("heritage_sites", "heritage.HeritageSitePage", _("Heritage sites")),
    ("offices", "heritage.NeighbourhoodOfficePage", _("Neighbourhood offices")),
)
# (figure, heading) in the order of the dashboard's table and of the export's columns.
FIGURES = (
    *((key, heading) for key, _model, heading in PAGE_KINDS),
    ("qr_issued", _("QR codes issued in the period")),
    ("qr_total", _("QR codes issued in total")),
    ("scans", _("QR scans")),
    ("views", _("Page views")),
    ("ebooks", _("Books with an e-book")),
    ("ebook_opens", _("E-book opens")),
)
FIGURE_KEYS = tuple(key for key, _heading in FIGURES)
# (figure, count kind of cms.counting) of the figures that are counted per page per day.
COUNTED = (("views", CountKind.VIEW), ("scans", QR_SCANS), ("ebook_opens", CountKind.EBOOK_OPEN))
TOP_PAGES = 10
# Longer custom periods are refused: nobody reports on decades, and a chart of them is useless.
MAX_PERIOD_DAYS = 10 * 366
# The chart's step: a day up to a month, a week up to half a year, a month beyond.
DAILY_UP_TO_DAYS = 31
WEEKLY_UP_TO_DAYS = 184


# Periods ------------------------------------------------------------------------------------


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    CUSTOM = "custom", _("From … to …")


class Step(models.TextChoices):
    DAY = "day", _("Day")
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


def short_date(day):
    """dd/mm/yyyy, as Vietnamese forms and reports write dates."""
    return date_format(day, "d/m/Y")


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included (days in the site's time zone)."""

    kind: str
    start: datetime.date
    end: datetime.date

    @classmethod
    def month(cls, year, month):
        last = calendar.monthrange(year, month)[1]
        return cls(
            PeriodKind.MONTH, datetime.date(year, month, 1), datetime.date(year, month, last)
        )

    @classmethod
    def quarter(cls, year, quarter):
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        return cls(
            PeriodKind.QUARTER,
            datetime.date(year, first_month, 1),
            datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]),
        )

    @classmethod
    def year(cls, year):
        return cls(PeriodKind.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def custom(cls, start, end):
        if start > end:
            raise ValueError("a period cannot end before it starts")
        return cls(PeriodKind.CUSTOM, start, end)

    @classmethod
    def this_month(cls, today=None):
        today = today or timezone.localdate(timezone=timezone.get_default_timezone())
        return cls.month(today.year, today.month)

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def label(self):
        """ "Tháng 3/2026", "Quý 1/2026", "Năm 2026" or "01/03/2026 – 15/03/2026"."""
        if self.kind == PeriodKind.MONTH:
            return gettext("Month %(month)s/%(year)s") % {
                "month": self.start.month,
                "year": self.start.year,
            }
        if self.kind == PeriodKind.QUARTER:
            return gettext("Quarter %(quarter)s/%(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.kind == PeriodKind.YEAR:
            return gettext("Year %(year)s") % {"year": self.start.year}
        return f"{short_date(self.start)} – {short_date(self.end)}"

    @property
    def slug(self):
        """The period in a file name: "2026-03", "2026-q1", "2026", "2026-03-01_2026-03-15"."""
        if self.kind == PeriodKind.MONTH:
            return self.start.strftime("%Y-%m")
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    @property
    def step(self):
        if self.days <= DAILY_UP_TO_DAYS:
            return Step.DAY
        if self.days <= WEEKLY_UP_TO_DAYS:
            return Step.WEEK
        return Step.MONTH

    def buckets(self):
        """The chart's steps as (first day, last day), clipped to the period: days, weeks
        starting on Monday (as Vietnamese calendars do), or calendar months."""
        step, day, buckets = self.step, self.start, []
        while day <= self.end:
            if step == Step.DAY:
                last = day
            elif step == Step.WEEK:
                last = day + datetime.timedelta(days=6 - day.weekday())
            else:
                last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
            last = min(last, self.end)
            buckets.append((day, last))
            day = last + datetime.timedelta(days=1)
        return buckets

    def bounds(self):
        """The period as [first instant, instant after the last day) in the site's time zone,
        for timestamps such as QRCode.created_at."""
        zone = timezone.get_default_timezone()
        after = self.end + datetime.timedelta(days=1)
        return (
            datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(after, datetime.time.min, tzinfo=zone),
        )


def bucket_label(first, last, step):
    if step == Step.DAY:
        return short_date(first)
    if step == Step.MONTH:
        return f"{first.month:02d}/{first.year}"
    return f"{short_date(first)} – {short_date(last)}"


# The report ---------------------------------------------------------------------------------


def empty_figures():
    return dict.fromkeys(FIGURE_KEYS, 0)


@dataclass
class Row:
    """One line of the report: a unit (or the unit's own pages, or the total) and its figures."""

    label: str
    unit: Unit | None = None
    figures: dict = field(default_factory=empty_figures)
    is_total: bool = False

    def values(self):
        return [self.figures[key] for key in FIGURE_KEYS]


@dataclass
class TopPage:
    page_id: int
    title: str
    kind: str
    views: int
    scans: int


@dataclass
class Point:
    first: datetime.date
    last: datetime.date
    label: str
    views: int
    scans: int
    ebook_opens: int


@dataclass
class Report:
    unit: Unit
    period: Period
    rows: list
    total: Row
    series: list
    top_pages: list

    @property
    def step(self):
        return self.period.step


class RowFinder:
    """Which row a page belongs to, from its tree path: the sub-unit whose root page is the
    page or one of its ancestors (the nearest, should units ever nest), else the unit's own."""

    def __init__(self, unit, children):
        self.root_path = unit.page.path
        self.row_by_path = {child.page.path: index for index, child in enumerate(children, 1)}
        # Longest first: the nearest sub-unit wins.
        self.lengths = sorted({len(path) for path in self.row_by_path}, reverse=True)

    def prefix_aliases(self):
        return [f"prefix_{length}" for length in self.lengths]

    def prefixes(self, path_expression):
        """Annotations of the leading steps of a path, one per sub-unit path length: grouping by
        them sums each sub-unit's subtree in the database (as many as there are depths of
        sub-units, never one per unit)."""
        return {
            alias: Substr(path_expression, 1, length)
            for alias, length in zip(self.prefix_aliases(), self.lengths, strict=True)
        }

    def row_of_grouped(self, values):
        """The row of a grouped result (a dict holding the `prefixes()` aliases)."""
        for alias in self.prefix_aliases():
            index = self.row_by_path.get(values[alias])
            if index is not None:
                return index
        return 0

    def row_of_path(self, path):
        for length in self.lengths:
            index = self.row_by_path.get(path[:length])
            if index is not None:
                return index
        return 0 if path.startswith(self.root_path) else None


def build_report(unit, period):
    """The figures of `unit` over `period` (a Period): a Report, with the same number of
    queries whatever the number of units below it."""
    children = list(Unit.objects.filter(parent=unit).select_related("page").order_by("page__path"))
    finder = RowFinder(unit, children)
    rows = [Row(label=gettext("%(unit)s (own pages)") % {"unit": unit.name}, unit=unit)]
    rows += [Row(label=child.name, unit=child) for child in children]

    add_page_kinds(rows, unit, finder)
    add_ebooks(rows, unit, finder)
    add_qr_codes(rows, unit, finder, period)
    # Every page's path once, then counts placed in the tree in Python: cheaper than joining
    # each of a year's daily rows to its page (the approach of cms.counting.counts_by_subtree).
    paths = dict(Page.objects.filter(in_subtree(unit)).values_list("pk", "path"))
    per_page = add_counts(rows, unit, finder, period, paths)
    most_of_the_site = 2 * len(paths) > Page.objects.count()

    total = Row(label=gettext("Total"), is_total=True)
    for row in rows:
        for key in FIGURE_KEYS:
            total.figures[key] += row.figures[key]
    return Report(
        unit=unit,
        period=period,
        rows=rows,
        total=total,
        series=series_of(unit, period, most_of_the_site),
        top_pages=top_pages(per_page),
    )


def page_kind_content_types():
    """{content type id: figure} of the page kinds that are counted."""
    models_by_key = {key: apps.get_model(label) for key, label, _heading in PAGE_KINDS}
    content_types = ContentType.objects.get_for_models(*models_by_key.values())
    return {content_types[model].pk: key for key, model in models_by_key.items()}


def in_subtree(unit, path_field="path"):
    return Q(**{f"{path_field}__startswith": unit.page.path})


def add_page_kinds(rows, unit, finder):
    kinds = page_kind_content_types()
    grouped = (
        Page.objects.filter(in_subtree(unit), live=True, content_type_id__in=kinds)
        .annotate(**finder.prefixes("path"))
        .values("content_type_id", *finder.prefix_aliases())
        .annotate(pages=Count("pk"))
        .order_by()
    )
    for group in grouped:
        row = rows[finder.row_of_grouped(group)]
        row.figures[kinds[group["content_type_id"]]] += group["pages"]


def add_ebooks(rows, unit, finder):
    """Live books that can be read online: an e-book file or a reading link."""
    BookPage = apps.get_model("library", "BookPage")
    grouped = (
        BookPage.objects.live()
        .filter(in_subtree(unit))
        .filter(Q(ebook__isnull=False) | ~Q(reading_url=""))
        .annotate(**finder.prefixes("path"))
        .values(*finder.prefix_aliases())
        .annotate(books=Count("pk"))
        .order_by()
    )
    for group in grouped:
        rows[finder.row_of_grouped(group)].figures["ebooks"] += group["books"]


def add_qr_codes(rows, unit, finder, period):
    """Codes issued for pages of each row (deleted ones at their former position): in the
    period, and in total up to the period's end, so that a past report stays what it was."""
    start, after = period.bounds()
    path = Coalesce("page__path", "former_path")
    grouped = (
        QRCode.objects.filter(
            in_subtree(unit, "page__path")
            | (Q(page__isnull=True) & in_subtree(unit, "former_path")),
            created_at__lt=after,
        )
        .annotate(**finder.prefixes(path))
        .values(*finder.prefix_aliases())
        .annotate(issued=Count("pk", filter=Q(created_at__gte=start)), total=Count("pk"))
        .order_by()
    )
    for group in grouped:
        figures = rows[finder.row_of_grouped(group)].figures
        figures["qr_issued"] += group["issued"]
        figures["qr_total"] += group["total"]


def add_counts(rows, unit, finder, period, paths):
    """Views, scans and e-book opens of the period per row; returns {figure: {page id: count}}
    of pages that still exist, for the top pages. `paths`: {page id: path} of the subtree."""
    per_page = {
        figure: counts_by_page(kind, period.start, period.end, pages=unit.page)
        for figure, kind in COUNTED
    }
    for figure, counts in per_page.items():
        for page_id, count in counts.items():
            index = finder.row_of_path(paths.get(page_id, ""))
            if index is not None:
                rows[index].figures[figure] += count
    for figure, former_path, count in deleted_page_counts(unit, period):
        index = finder.row_of_path(former_path)
        if index is not None:
            rows[index].figures[figure] += count
    return per_page


def deleted_page_counts(unit, period):
    """(figure, former tree path, count) of pages of the subtree deleted since."""
    figure_of_kind = {kind: figure for figure, kind in COUNTED}
    pages = (
        PageCountDay.objects.filter(
            kind__in=(CountKind.VIEW, CountKind.EBOOK_OPEN),
            day__range=(period.start, period.end),
            page__isnull=True,
            former_path__startswith=unit.page.path,
        )
        .values_list("kind", "former_path")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for kind, former_path, total in pages:
        yield figure_of_kind[kind], former_path, total
    scans = (
        QRScanDay.objects.filter(
            day__range=(period.start, period.end),
            qr_code__page__isnull=True,
            qr_code__former_path__startswith=unit.page.path,
        )
        .values_list("qr_code__former_path")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for former_path, total in scans:
        yield "scans", former_path, total


def series_of(unit, period, most_of_the_site):
    """Views, scans and opens of the unit's subtree per step of the period (deleted pages
    included, as in the rows)."""
    by_day = {
        figure: daily_counts_of_subtree(kind, period, unit, most_of_the_site)
        for figure, kind in COUNTED
    }
    step = period.step
    points = []
    for first, last in period.buckets():
        sums = Counter()
        day = first
        while day <= last:
            for figure, counts in by_day.items():
                sums[figure] += counts.get(day, 0)
            day += datetime.timedelta(days=1)
        points.append(
            Point(
                first=first,
                last=last,
                label=bucket_label(first, last, step),
                views=sums["views"],
                scans=sums["scans"],
                ebook_opens=sums["ebook_opens"],
            )
        )
    return points


def daily_counts_of_subtree(kind, period, unit, most_of_the_site):
    """{day: count} of one kind for the unit's subtree, deleted pages included.

    For a unit that holds most of the site (a province) the subtree's rows are nearly every
    row, and selecting them page by page costs several times one pass over the period's rows
    in the order of their (kind, day) index: then every row of the period is added up, less
    those of the few pages outside the subtree."""
    start, end = period.start, period.end
    if not most_of_the_site:
        return counts_by_day(kind, start, end, pages=unit.page)
    totals = Counter(counts_by_day(kind, start, end))
    outside = Page.objects.exclude(in_subtree(unit)).values("pk")
    totals.subtract(counts_by_day(kind, start, end, pages=outside))
    if kind == QR_SCANS:
        rows = QRScanDay.objects.filter(day__range=(start, end), qr_code__page__isnull=True)
        deleted_outside = rows.exclude(in_subtree(unit, "qr_code__former_path"))
    else:
        rows = PageCountDay.objects.filter(kind=kind, day__range=(start, end), page__isnull=True)
        deleted_outside = rows.exclude(in_subtree(unit, "former_path"))
    totals.subtract(dict(deleted_outside.values_list("day").annotate(Sum("count")).order_by()))
    return {day: total for day, total in totals.items() if total}


def top_pages(per_page, limit=TOP_PAGES):
    """The pages most viewed and scanned in the period (views and scans added up; equal
    pages in id order), among those that still exist."""
    views, scans = per_page["views"], per_page["scans"]
    combined = Counter(views)
    combined.update(scans)
    chosen = sorted(
        (page_id for page_id, total in combined.items() if total > 0),
        key=lambda page_id: (-combined[page_id], page_id),
    )[:limit]
    if not chosen:
        return []
    pages = Page.objects.filter(pk__in=chosen).only("pk", "title", "content_type")
    pages_by_id = {page.pk: page for page in pages}
    result = []
    for page_id in chosen:
        page = pages_by_id.get(page_id)
        if page is None:
            continue
        content_type = ContentType.objects.get_for_id(page.content_type_id)
        result.append(
            TopPage(
                page_id=page_id,
                title=page.title,
                kind=get_content_type_label(content_type),
                views=views.get(page_id, 0),
                scans=scans.get(page_id, 0),
            )
        )
    return result


# Export -------------------------------------------------------------------------------------


def export_headings():
    return [gettext("No."), gettext("Unit"), *(str(heading) for _key, heading in FIGURES)]


def export_rows(report):
    """The table as lists of values: a row per unit, then the total (the STT column numbers
    the units, as campaign reports do)."""
    lines = [[number, row.label, *row.values()] for number, row in enumerate(report.rows, 1)]
    lines.append(["", report.total.label, *report.total.values()])
    return lines


def report_title(report):
    return gettext("Report figures – %(unit)s – %(period)s") % {
        "unit": report.unit.name,
        "period": report.period.label,
    }
