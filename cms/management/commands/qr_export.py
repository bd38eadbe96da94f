"""Export every QR code with its page and scans as CSV, for reports written in Excel."""

import csv

from django.core.management.base import BaseCommand

from cms.qr.report import UTF8_BOM, export_headings, iter_report_rows, report_queryset, row_values


class Echo:
    """Hands back each line the CSV writer writes, as text, so the export can stream."""

    def write(self, line):
        return line


def csv_lines(rows):
    """The export as CSV lines: a byte order mark (so Excel reads Vietnamese as UTF-8),
    the Vietnamese headings, then one line per row."""
    writer = csv.writer(Echo())
    yield UTF8_BOM
    yield writer.writerow(export_headings())
    for row in rows:
        yield writer.writerow(row_values(row))


class Command(BaseCommand):
    help = (
        "Export the QR codes of existing pages with their section, unit, links and scans "
        "(last 7 and 30 days, total) as CSV with Vietnamese headings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Write the CSV to this file instead of the standard output.",
        )

    def handle(self, *args, output=None, **options):
        # Headings follow the active language: settings.LANGUAGE_CODE (Vietnamese).
        lines = csv_lines(iter_report_rows(report_queryset().order_by("-scans_total", "code")))
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.writelines(lines)
        else:
            for line in lines:
                self.stdout.write(line, ending="")
