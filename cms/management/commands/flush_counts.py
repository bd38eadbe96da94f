from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.counting import QR_SCANS, CountKind, counts_by_day, flush_counts, today


class Command(BaseCommand):
    # Counts wait in the memory of the process that counted them: a server process writes its
    # own every SOHOA_COUNT_FLUSH_SECONDS and when it stops. Run from code that counts in its
    # own process (call_command in a script or a test), this writes those now; from a shell,
    # it shows what the servers have written today.
    help = gettext_lazy(
        "Write the page views and e-book opens counted in this process to the database, "
        "then show today's totals."
    )

    def handle(self, *args, **options):
        written = flush_counts()
        day = today()
        totals = {
            kind: sum(counts_by_day(kind, day, day).values())
            for kind in (CountKind.VIEW, CountKind.EBOOK_OPEN, QR_SCANS)
        }
        self.stdout.write(_("Counts written: %(written)d.") % {"written": written})
        self.stdout.write(
            _("Today (%(day)s): %(views)d page views, %(opens)d e-book opens, %(scans)d QR scans.")
            % {
                "day": day.isoformat(),
                "views": totals[CountKind.VIEW],
                "opens": totals[CountKind.EBOOK_OPEN],
                "scans": totals[QR_SCANS],
            }
        )
