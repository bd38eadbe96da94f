import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.origin import on_public_origin
from cms.qr.codes import MAX_LENGTH, MIN_LENGTH, random_code

# How many random draws of one length before moving to a longer code.
ATTEMPTS_PER_LENGTH = 20


class QRCodeQuerySet(models.QuerySet):
    def for_live_pages(self):
        return self.filter(page__live=True)

    def with_scan_totals(self, today=None):
        """Annotate scans in the last 7 and 30 days (today included) and in total."""
        today = today or timezone.localdate()
        last_7 = today - datetime.timedelta(days=6)
        last_30 = today - datetime.timedelta(days=29)
        return self.annotate(
            scans_7=Sum("scan_days__count", filter=Q(scan_days__day__gte=last_7), default=0),
            scans_30=Sum("scan_days__count", filter=Q(scan_days__day__gte=last_30), default=0),
            scans_total=Sum("scan_days__count", default=0),
        )


class QRCode(models.Model):
    """A page's permanent short code. Never reused: it outlives the page it was issued for."""

    code = models.CharField(_("code"), max_length=MAX_LENGTH, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="qr_code",
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    # Filled when the page is deleted, so the short link can still point somewhere useful.
    former_title = models.CharField(_("former page title"), max_length=255, blank=True)
    # The page's tree path: a deleted subtree takes its parents along, so the link later
    # points to the nearest ancestor that still exists.
    former_path = models.CharField(_("former tree position"), max_length=255, blank=True)
    deleted_at = models.DateTimeField(_("page deleted at"), null=True, blank=True)

    objects = QRCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("QR code")
        verbose_name_plural = _("QR codes")
        ordering = ["code"]

    def __str__(self):
        return self.code

    @property
    def short_url(self):
        """The link printed in the QR: always on the public origin, never the request's host."""
        return self.url_for_code(self.code)

    @staticmethod
    def url_for_code(code):
        return on_public_origin(f"/q/{code}")

    @classmethod
    def issue_for(cls, page):
        """The page's code, issuing a new unique one if it has none yet."""
        existing = cls.objects.filter(page=page).first()
        if existing:
            return existing
        for length in range(MIN_LENGTH, MAX_LENGTH + 1):
            for _attempt in range(ATTEMPTS_PER_LENGTH):
                try:
                    with transaction.atomic():
                        return cls.objects.create(code=random_code(length), page=page)
                except IntegrityError:
                    # Either the code is taken (draw again) or a concurrent request just
                    # issued this page's code (return it).
                    existing = cls.objects.filter(page=page).first()
                    if existing:
                        return existing
        raise RuntimeError("No free QR code left up to the maximum length.")

    def nearest_surviving_ancestor(self):
        """The closest live ancestor of the deleted page, for a way back from a dead code."""
        from wagtail.models import Page

        steps = Page.steplen
        prefixes = [
            self.former_path[:length] for length in range(steps, len(self.former_path), steps)
        ]
        return Page.objects.live().filter(path__in=prefixes).order_by("-depth").first()

    def scans_total(self):
        return self.scan_days.aggregate(total=Sum("count", default=0))["total"]


class QRScanDay(models.Model):
    """Scans of one code on one day (Asia/Ho_Chi_Minh), with nothing about who scanned."""

    qr_code = models.ForeignKey(QRCode, on_delete=models.CASCADE, related_name="scan_days")
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("scans"), default=0)

    class Meta:
        verbose_name = _("scans of a day")
        verbose_name_plural = _("scans per day")
        constraints = [
            models.UniqueConstraint(fields=["qr_code", "day"], name="one_scan_counter_per_code_day")
        ]

    def __str__(self):
        return f"{self.qr_code_id} {self.day}: {self.count}"

    @classmethod
    def count_one(cls, qr_code, day=None):
        """Add one scan, atomically: concurrent scans never lose a count."""
        day = day or timezone.localdate()
        counters = cls.objects.filter(qr_code=qr_code, day=day)
        if counters.update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(qr_code=qr_code, day=day, count=1)
        except IntegrityError:
            # Another request created today's counter between our update and insert.
            counters.update(count=F("count") + 1)
