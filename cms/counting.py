"""Page views and e-book opens, counted per page per day with nothing about the visitor.

A hit is one addition to a counter in the server process's memory (`hits`); a background
thread writes the counters to `PageCountDay` every SOHOA_COUNT_FLUSH_SECONDS, or as soon as
SOHOA_COUNT_FLUSH_HITS hits are waiting, and again when the process exits. Writing adds to the
day's row with one upsert per batch (`INSERT … ON CONFLICT … DO UPDATE SET count = count +
excluded.count`), so a page read ten thousand times a day costs a handful of writes, the reader
never waits for the database, and no hit is lost when several processes write at once.

What is counted:
- a page view: a GET of a live, public page that Wagtail answered 200, by a person (not a
  crawler, a link-preview fetcher, a script or a prefetch), never a preview;
- an e-book open: the reader's first request for a book's file (see `count_ebook_open`).
QR scans are counted as they happen by `cms.qr` (`QRScanDay`); `counts_by_page()` and its
siblings read all three, so the dashboard asks one place.
"""

import atexit
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import Sum
from django.db.models.signals import pre_delete
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from cms.qr.models import QRScanDay
from cms.qr.views import is_human_scan

logger = logging.getLogger(__name__)


class CountKind(models.TextChoices):
    VIEW = "view", _("page views")
    EBOOK_OPEN = "ebook", _("e-book opens")


# Not stored in PageCountDay (scans live in QRScanDay) but readable through the same queries.
QR_SCANS = "scan"


class PageCountDay(models.Model):
    """How many times one page was viewed (or its e-book opened) on one day in the site's time
    zone (Asia/Ho_Chi_Minh). Nothing about who: no address, cookie, account or browser.

    A deleted page's counts stay, with its title and tree position copied, so that the figures
    of a past month, and of the unit the page belonged to, do not change when it is deleted
    (QR scans of deleted pages are kept the same way, through their QRCode)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="count_days",
        # The unique constraint's index starts with the page already.
        db_index=False,
    )
    day = models.DateField(_("day"))
    kind = models.CharField(_("what was counted"), max_length=5, choices=CountKind.choices)
    count = models.PositiveIntegerField(_("count"), default=0)
    former_title = models.CharField(_("former page title"), max_length=255, blank=True)
    former_path = models.CharField(_("former tree position"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("count of a day")
        verbose_name_plural = _("counts per day")
        constraints = [
            # The row the upsert adds to; also serves "these pages, from … to …".
            models.UniqueConstraint(
                fields=["page", "day", "kind"], name="one_count_per_page_day_kind"
            ),
        ]
        indexes = [
            # Whole-site figures of a period ("every page, this year"), with `page` and `count`
            # in the key so that neither SQLite nor PostgreSQL reads the table itself.
            models.Index(fields=["kind", "day", "page", "count"], name="count_kind_day_page"),
        ]

    def __str__(self):
        return f"{self.page_id or self.former_title} {self.day} {self.kind}: {self.count}"


def remember_deleted_page(sender, instance, **kwargs):
    """Copy a deleted page's title and tree position onto its counts before they lose it.

    Django sends this once per model of the page's inheritance chain; the first one does it."""
    if not isinstance(instance, Page):
        return
    PageCountDay.objects.filter(page_id=instance.pk, former_path="").update(
        former_title=instance.title, former_path=instance.path
    )


# Connected (like the page-view hook below) when cms.models imports this module at start-up,
# so that counting lives in one module; the dispatch_uid makes a second import harmless.
pre_delete.connect(remember_deleted_page, dispatch_uid="sohoa_counts_remember_deleted_page")


# --- Counting ---------------------------------------------------------------------------------


def counting_enabled():
    return settings.SOHOA_COUNTING


def today():
    """The day a hit belongs to, in the site's time zone (TIME_ZONE, Asia/Ho_Chi_Minh) even if
    a request has activated another."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def count_hit(kind, page_id):
    """Count one hit of `kind` on a page: an addition in memory, written later.

    Inside a transaction the hit waits for it to commit: a rolled-back request (or a test
    case, which is always rolled back) leaves no count behind in the process."""
    transaction.on_commit(lambda: hits.add(page_id, today(), kind))


def has_view_restrictions(page):
    """Whether the page or one of its ancestors is private (login, groups or password)."""
    if page.alias_of_id:
        return page.get_view_restrictions().exists()
    # One query on the ancestors' paths, where get_view_restrictions() makes two.
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return PageViewRestriction.objects.filter(page__path__in=paths).exists()


def is_counted_view(request, page, response):
    return (
        response.status_code == 200
        and not getattr(request, "is_preview", False)
        # The QR scans' test of a person: GET only, a user agent that is no bot, no prefetch.
        and is_human_scan(request)
        and not has_view_restrictions(page)
    )


@hooks.register("on_serve_page")
def count_page_views(serve_page):
    """Count a view once Wagtail has answered: the status is known only after serving, and a
    template that fails while rendering turns the answer into a 500 that must not count.

    Wagtail wraps page serving in its `on_serve_page` hooks only for public page URLs, never
    for previews or the admin, and only for live pages (others answer 404 before)."""

    def serve_and_count(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        if counting_enabled() and is_counted_view(request, page, response):
            page_id = page.pk
            if getattr(response, "is_rendered", True):
                count_hit(CountKind.VIEW, page_id)
            else:
                response.add_post_render_callback(
                    lambda rendered: count_hit(CountKind.VIEW, page_id)
                )
        return response

    return serve_and_count


def count_ebook_open(request, book):
    """Count an opening of a book's e-book when this request is the first of a reading.

    The first request of a reading is the one without a Range header: epub.js fetches the
    whole file in one, and PDF.js starts with one (to learn the size and that ranges are
    served) before asking the pages it shows in ranges; a phone opening the file's link, or
    a download, asks it whole too. A Range that starts at byte 0 is not a new reading: PDF.js
    asks `bytes=0-65535` right after its first request, so counting it would count every PDF
    reading twice. A 304 (the phone's cached copy is still good) is a reading as well.
    """
    if (
        counting_enabled()
        and "HTTP_RANGE" not in request.META
        and is_human_scan(request)  # GET only, no bot, no prefetch
    ):
        count_hit(CountKind.EBOOK_OPEN, book.pk)


# --- The buffer and its writer -----------------------------------------------------------------


def database_name():
    return connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]


class HitBuffer:
    """Hits waiting to be written, as {(page id, day, kind): count}, safe for threads.

    Memory grows with the pages read, not with the hits: a page read a thousand times is one
    entry. `flush()` takes the whole buffer under the lock and writes it outside, so hits that
    arrive meanwhile go to a fresh buffer; a failed write puts what it took back."""

    def __init__(self):
        self._reset()
        # A forked worker (gunicorn's preload) starts empty, without the parent's thread and
        # with fresh locks; the parent writes what it counted itself.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._wake = threading.Event()
        self._counts = Counter()
        self._pending = 0
        self._oldest = None
        self._database = None
        self._writer = None

    @property
    def pending(self):
        """How many hits wait to be written."""
        return self._pending

    def add(self, page_id, day, kind, hits=1):
        with self._lock:
            first = not self._counts
            if first:
                self._oldest = time.monotonic()
                # The test runner swaps databases under a running process; counts belong to
                # the database they were made against (see `flush`).
                self._database = database_name()
            self._counts[(page_id, day, kind)] += hits
            self._pending += hits
            full = self._pending >= settings.SOHOA_COUNT_FLUSH_HITS
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_forever, name="sohoa-counts", daemon=True
                )
                self._writer.start()
        if first or full:
            # The writer sleeps while there is nothing to write: tell it when to wake.
            self._wake.set()

    def discard(self):
        """Forget every hit not yet written (tests)."""
        with self._lock:
            self._counts, self._pending, self._oldest = Counter(), 0, None

    def seconds_until_due(self):
        """None while nothing waits; 0 when a write is due (enough hits, or the oldest waited
        SOHOA_COUNT_FLUSH_SECONDS)."""
        with self._lock:
            if not self._pending:
                return None
            if self._pending >= settings.SOHOA_COUNT_FLUSH_HITS:
                return 0
            waited = time.monotonic() - self._oldest
        return max(0.0, settings.SOHOA_COUNT_FLUSH_SECONDS - waited)

    def flush(self):
        """Write every waiting hit now; returns how many hits were written."""
        with self._flush_lock:
            with self._lock:
                batch, database = self._counts, self._database
                self._counts, self._pending, self._oldest = Counter(), 0, None
            if not batch:
                return 0
            if database != database_name():
                logger.warning("%d hits counted against another database dropped.", batch.total())
                return 0
            try:
                write_counts(batch)
            except BaseException:
                with self._lock:
                    if not self._counts:
                        self._oldest, self._database = time.monotonic(), database
                    self._counts.update(batch)
                    self._pending += batch.total()
                raise
            return batch.total()

    def _write_forever(self):
        while True:
            self._wake.wait(timeout=self.seconds_until_due())
            self._wake.clear()
            if self.seconds_until_due() != 0:
                continue
            try:
                self.flush()
            except Exception:
                logger.exception("Counts could not be written; they are kept for the next try.")
                # Give the database (locked, restarting, full) time before trying again.
                time.sleep(settings.SOHOA_COUNT_FLUSH_SECONDS)
            finally:
                # This thread's own connection: an idle one would hold a PostgreSQL slot.
                connections.close_all()

    def flush_at_exit(self):
        try:
            self.flush()
        except Exception:
            logger.exception("Counts could not be written at exit.")


def write_counts(batch):
    """Add {(page id, day, kind): hits} to the daily rows, in one transaction.

    Counts of pages deleted since (the id no longer exists) are dropped rather than fail the
    whole batch on the foreign key."""
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    table = quote(PageCountDay._meta.db_table)
    rows = [
        (page_id, connection.ops.adapt_datefield_value(day), kind, count)
        for (page_id, day, kind), count in batch.items()
    ]
    # Four parameters a row; SQLite builds before 3.32 allow 999 in one statement.
    chunk_size = 240
    with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:
        for start in range(0, len(rows), chunk_size):
            chunk = rows[start : start + chunk_size]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            # VALUES columns are named column1… on both SQLite and PostgreSQL. The WHERE
            # also keeps SQLite from reading ON CONFLICT as a join's ON.
            cursor.execute(
                f"INSERT INTO {table} (page_id, day, kind, count, former_title, former_path) "
                f"SELECT v.column1, v.column2, v.column3, v.column4, '', '' "
                f"FROM (VALUES {values}) AS v "
                f"WHERE v.column1 IN (SELECT id FROM {quote(Page._meta.db_table)}) "
                f"ON CONFLICT (page_id, day, kind) "
                f"DO UPDATE SET count = {table}.count + excluded.count",
                [value for row in chunk for value in row],
            )


hits = HitBuffer()
atexit.register(hits.flush_at_exit)


def flush_counts():
    """Write the hits this process holds to the database now; returns how many were written.

    Server processes write their own every SOHOA_COUNT_FLUSH_SECONDS and at exit; this is
    for tests and scripts that count in their own process."""
    return hits.flush()


# --- Reading --------------------------------------------------------------------------------


def _daily_rows(kind, start, end):
    """(rows of one kind from `start` to `end`, both included; the page field; the field that
    keeps a deleted page's tree position)."""
    if kind == QR_SCANS:
        rows = QRScanDay.objects.filter(day__range=(start, end))
        return rows, "qr_code__page", "qr_code__former_path"
    if kind not in CountKind.values:
        raise ValueError(f"unknown count kind: {kind!r}")
    rows = PageCountDay.objects.filter(kind=kind, day__range=(start, end))
    return rows, "page", "former_path"


def _of_pages(rows, page_field, pages):
    """The rows of `pages`: page ids, a Page queryset (run as a subquery) or one Page for its
    subtree. A subquery rather than a join on the page's path, so that the database reads
    only these pages' rows."""
    if isinstance(pages, Page):
        pages = Page.objects.descendant_of(pages, inclusive=True).values("pk")
    return rows.filter(**{f"{page_field}__in": pages})


def _of_deleted_pages(rows, page_field, former_path_field, under=None):
    rows = rows.filter(**{f"{page_field}__isnull": True}).exclude(**{former_path_field: ""})
    if under is not None:
        rows = rows.filter(**{f"{former_path_field}__startswith": under.path})
    return rows


def _totals(rows, field):
    return dict(rows.values_list(field).annotate(total=Sum("count")).order_by())


def counts_by_page(kind, start, end, pages=None):
    """{page id: count} of page views ("view"), e-book opens ("ebook") or QR scans ("scan")
    from `start` to `end` (dates, both included), for pages that still exist; pages with no
    count are absent. `pages`: None for every page, page ids, a Page queryset, or one Page
    for its subtree."""
    rows, page_field, _former_path_field = _daily_rows(kind, start, end)
    if pages is None:
        rows = rows.filter(**{f"{page_field}__isnull": False})
    else:
        rows = _of_pages(rows, page_field, pages)
    return _totals(rows, page_field)


def counts_by_day(kind, start, end, pages=None):
    """{day: count} of one kind (see `counts_by_page`); days with no count are absent. For
    every page (None) or one Page's subtree, the counts of pages since deleted are included:
    last month's figures stay what they were."""
    rows, page_field, former_path_field = _daily_rows(kind, start, end)
    if pages is None:
        return _totals(rows, "day")
    totals = Counter(_totals(_of_pages(rows, page_field, pages), "day"))
    if isinstance(pages, Page):
        totals.update(
            _totals(_of_deleted_pages(rows, page_field, former_path_field, under=pages), "day")
        )
    return dict(totals)


def counts_by_subtree(kind, start, end, roots):
    """{root page id: count} of one kind for each root's subtree (the root included), the
    counts of pages since deleted from it included: a row per unit, with three queries
    whatever the number of units. `roots`: pages, page ids or a Page queryset."""
    if not isinstance(roots, models.QuerySet):
        roots = [getattr(root, "pk", root) for root in roots]
    root_ids_by_path = {
        path: pk for pk, path in Page.objects.filter(pk__in=roots).values_list("pk", "path")
    }
    if not root_ids_by_path:
        return {}
    rows, page_field, former_path_field = _daily_rows(kind, start, end)
    by_page = _totals(rows.filter(**{f"{page_field}__isnull": False}), page_field)
    # Grouped by page first, then placed in the tree: a join on every count row would cost
    # more than reading every page's path once.
    by_path = Counter(
        {path: by_page[pk] for pk, path in Page.objects.values_list("pk", "path") if pk in by_page}
    )
    by_path.update(
        _totals(_of_deleted_pages(rows, page_field, former_path_field), former_path_field)
    )
    totals = dict.fromkeys(root_ids_by_path.values(), 0)
    for path, count in by_path.items():
        for end_of_prefix in range(Page.steplen, len(path) + 1, Page.steplen):
            root_id = root_ids_by_path.get(path[:end_of_prefix])
            if root_id is not None:
                totals[root_id] += count
    return totals
