from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.qr.models import QRCode


class Command(BaseCommand):
    help = "Issue QR codes to every published page that does not have one yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="Also issue codes to pages that have never been published.",
        )

    def handle(self, *args, include_drafts=False, **options):
        pages = Page.objects.filter(depth__gt=1, qr_code__isnull=True)
        if not include_drafts:
            pages = pages.filter(live=True)
        issued = 0
        for page in pages.iterator():
            QRCode.issue_for(page)
            issued += 1
        total = QRCode.objects.filter(page__isnull=False).count()
        self.stdout.write(
            _("Issued %(issued)s new QR codes; %(total)s pages now have one.")
            % {"issued": issued, "total": total}
        )
