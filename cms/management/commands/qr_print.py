"""Print the QR codes under a page to a PDF: book labels for a library, plates otherwise.

The same items (cms.qr.sheets.print_items) and drawing (cms.qr.render) as the admin's
"print" button, so a sheet printed here looks exactly like one downloaded there.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm
from wagtail.models import Page

from cms.checks import site_base_url_problem
from cms.progress import CommandBarStream
from cms.qr import render
from cms.qr.sheets import is_label_sheet, print_items


class Command(BaseCommand):
    help = (
        "Print the QR codes under a page to a PDF: a label sheet of its published books for a "
        "library, otherwise a plate for each published child page (or the page's own plate "
        "when it has none)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--page", type=int, required=True, help="The page's id.")
        parser.add_argument(
            "--output", required=True, help="The PDF file to write (its name ends in .pdf)."
        )
        parser.add_argument(
            "--paper",
            choices=sorted(render.PAPERS),
            help="Paper size: A4 or A5, portrait (default: A4 for labels, A5 for plates).",
        )
        parser.add_argument(
            "--grid",
            default="3x8",
            help="Labels per page as COLUMNSxROWS, 1–6 columns and 1–14 rows (default 3x8).",
        )
        parser.add_argument(
            "--issue-missing",
            action="store_true",
            help="First issue QR codes to the pages that have none yet.",
        )
        parser.add_argument(
            "--unit-name",
            help="The unit named on every plate and label (default: SOHOA_UNIT_NAME).",
        )

    def handle(self, *args, **options):
        output = Path(options["output"])
        if output.suffix.lower() != ".pdf":
            raise CommandError(
                _("The output file must be a PDF whose name ends in .pdf, not “%(path)s”.")
                % {"path": output}
            )
        if not output.resolve().parent.is_dir():
            raise CommandError(
                _("The folder “%(folder)s” does not exist.") % {"folder": output.parent}
            )
        try:
            columns, rows = render.parse_grid(options["grid"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.check_origin()

        page = Page.objects.filter(pk=options["page"]).first()
        if page is None:
            raise CommandError(_("There is no page with id %(id)s.") % {"id": options["page"]})
        page = page.specific
        items = print_items(page, issue_missing=options["issue_missing"])
        if not items:
            message = _(
                "There is nothing to print under “%(title)s”: no published page has a QR code."
            )
            if not options["issue_missing"]:
                message += " " + _("Run the command again with --issue-missing to issue them.")
            raise CommandError(message % {"title": page.title})

        unit_name = options["unit_name"] or str(settings.SOHOA_UNIT_NAME)
        labels = is_label_sheet(page)
        paper = options["paper"] or ("A4" if labels else "A5")
        bar = tqdm(
            total=len(items),
            unit=_("label") if labels else _("plate"),
            file=CommandBarStream(self.stderr),
            disable=options["verbosity"] == 0,
        )

        def progress(done, _total):
            bar.update(done - bar.n)

        # Written aside and renamed, so a failure never leaves half a PDF under the real name.
        partial = output.with_name(output.name + ".partial")
        try:
            with open(partial, "wb") as file:
                if labels:
                    render.label_sheet_pdf(
                        [
                            {
                                "url": item.url,
                                "title": item.title,
                                "code": item.book_code,
                                "call_number": item.call_number,
                            }
                            for item in items
                        ],
                        unit_name=unit_name,
                        columns=columns,
                        rows=rows,
                        paper=paper,
                        progress=progress,
                        output=file,
                    )
                else:
                    file.write(
                        render.plates_pdf(
                            [{"url": i.url, "title": i.title, "code": i.code} for i in items],
                            unit_name=unit_name,
                            paper=paper,
                            progress=progress,
                        )
                    )
            os.replace(partial, output)
        finally:
            bar.close()
            if partial.exists():
                partial.unlink()

        if labels:
            summary = ngettext(
                "%(count)s label for “%(title)s” written to %(path)s",
                "%(count)s labels for “%(title)s” written to %(path)s",
                len(items),
            )
        else:
            summary = ngettext(
                "%(count)s plate for “%(title)s” written to %(path)s",
                "%(count)s plates for “%(title)s” written to %(path)s",
                len(items),
            )
        self.stdout.write(summary % {"count": len(items), "title": page.title, "path": output})

    def check_origin(self):
        """Refuse to print codes without a public origin; warn when it is a local one."""
        problem = site_base_url_problem()
        if not settings.SITE_BASE_URL:
            raise CommandError(problem)
        if problem:
            self.stderr.write(problem)
