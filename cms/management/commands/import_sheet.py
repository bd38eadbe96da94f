"""Import a spreadsheet (.xlsx or CSV) under a page: books into a library, streets, heritage
sites, neighbourhood offices or schools into their index page.

    python manage.py import_sheet sach.xlsx --parent 42 [--dry-run] [--keep-valid]

Exit status 0 when the import went through (or, with --dry-run, would); 1 when the file
cannot be read or a row is invalid and nothing was written.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import Page

from cms.importing import SheetError, import_kind_for, plan_import, read_sheet, run_import
from cms.importing.writing import DOWNLOADING, WRITING
from cms.progress import CommandBarStream

STAGE_LABELS = {DOWNLOADING: lambda: _("downloading files"), WRITING: lambda: _("writing pages")}


class Command(BaseCommand):
    help = (
        "Import a spreadsheet (.xlsx or CSV) under a page: books into a library; streets, "
        "heritage sites, neighbourhood offices or schools into their index page. Nothing is "
        "written if a row is invalid, unless --keep-valid is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx or .csv file to import.")
        parser.add_argument(
            "--parent", type=int, required=True, help="The id of the page to import under."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would be created or updated, writing nothing.",
        )
        parser.add_argument(
            "--keep-valid",
            action="store_true",
            help="Import the valid rows even if some rows are invalid (those are reported).",
        )

    def handle(self, *args, **options):
        parent = self.parent_page(options["parent"])
        plan = plan_import(self.read(Path(options["file"])), parent)
        self.describe(plan)
        if plan.errors:
            self.report_errors(plan.errors)
        if options["dry_run"]:
            self.stdout.write(self.counts_line(_("Dry run, nothing written. Would:"), plan))
            if not plan.is_valid and not options["keep_valid"]:
                raise CommandError(self.refusal(plan))
            return
        if not plan.is_valid and not options["keep_valid"]:
            raise CommandError(self.refusal(plan))
        report = self.run(plan, options)
        self.report_links(report)
        self.stdout.write(
            _(
                "Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s invalid rows skipped."
            )
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped": report.skipped_invalid,
            }
        )

    def parent_page(self, page_id):
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(_("There is no page with id %(id)s.") % {"id": page_id})
        page = page.specific
        if import_kind_for(page) is None:
            raise CommandError(
                _(
                    "Rows cannot be imported under “%(title)s” (id %(id)s): choose a library, or an index of streets, heritage sites, neighbourhood offices or schools."
                )
                % {"title": page.title, "id": page.pk}
            )
        return page

    def read(self, path):
        try:
            with open(path, "rb") as file:
                return read_sheet(file, path.name)
        except FileNotFoundError:
            raise CommandError(_("The file “%(path)s” does not exist.") % {"path": path}) from None
        except IsADirectoryError:
            raise CommandError(_("“%(path)s” is a folder, not a file.") % {"path": path}) from None
        except SheetError as error:
            raise CommandError(str(error)) from None

    def describe(self, plan):
        self.stdout.write(
            _("Importing %(kind)s pages under “%(title)s”; %(rows)s rows in the file.")
            % {"kind": plan.kind.label, "title": plan.parent_page.title, "rows": len(plan.rows)}
        )
        for notice in plan.notices:
            self.stdout.write(self.style.WARNING(str(notice)))
        if plan.unmapped_headers:
            self.stdout.write(
                _("Columns not imported: %(headers)s")
                % {"headers": ", ".join(plan.unmapped_headers)}
            )

    def report_errors(self, errors):
        self.stderr.write(_("Problems found (row, column, reason):"))
        for error in errors:
            self.stderr.write(
                _("Row %(row)s, column “%(column)s”: %(message)s")
                % {"row": error.row_number, "column": error.column, "message": error.message}
            )

    def report_links(self, report):
        if report.files_stored:
            self.stdout.write(
                _("Files downloaded from the sheet’s links: %(count)s.")
                % {"count": report.files_stored}
            )
        if report.link_notes:
            self.stdout.write(
                self.style.WARNING(_("Links that stayed links (row, column, reason):"))
            )
            for note in report.link_notes:
                self.stdout.write(
                    _("Row %(row)s, column “%(column)s”: %(message)s")
                    % {"row": note.row_number, "column": note.column, "message": note.message}
                )

    def counts_line(self, intro, plan):
        counts = plan.counts()
        return " ".join(
            [
                intro,
                _(
                    "%(create)s to create, %(update)s to update, %(unchanged)s unchanged, %(invalid)s invalid."
                )
                % counts,
            ]
        )

    def refusal(self, plan):
        return _(
            "Nothing was imported: %(count)s problems must be corrected first (or run again with --keep-valid to import only the valid rows)."
        ) % {"count": len(plan.errors)}

    def run(self, plan, options):
        bar = tqdm(
            total=0,
            unit=_("page"),
            file=CommandBarStream(self.stderr),
            disable=options["verbosity"] == 0,
        )

        def progress(done, total, stage=WRITING):
            if stage != getattr(bar, "stage", None):
                bar.stage = stage
                bar.reset(total)
                bar.set_description(STAGE_LABELS[stage]())
            bar.total = total
            bar.update(done - bar.n)

        try:
            return run_import(plan, keep_valid=options["keep_valid"], progress=progress)
        finally:
            bar.close()
