"""What to print for a page, and printing big sheets in the background with progress.

A library prints one label per book; any other page prints a plate per child (streets,
heritage sites, offices, schools), or its own plate when it has no children. The admin and
the `qr_print` command share this.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from cms.jobs import BackgroundJob
from cms.qr.models import QRCode


@dataclass(frozen=True)
class PrintItem:
    url: str
    title: str
    code: str
    book_code: str = ""
    call_number: str = ""


def is_label_sheet(page):
    from library.models import LibraryPage

    return isinstance(page.specific, LibraryPage)


def print_items(page, issue_missing=False):
    """PrintItems for the page's sheet, in print order, with one query for the codes."""
    from library.models import BookPage

    if is_label_sheet(page):
        pages = BookPage.objects.child_of(page).live().order_by("code", "title")
        fields = ("pk", "title", "code", "call_number")
        rows = list(pages.values_list(*fields))
    else:
        children = page.get_children().live().order_by("path")
        rows = [(pk, title, "", "") for pk, title in children.values_list("pk", "title")]
        if not rows:
            rows = [(page.pk, page.title, "", "")]
    if issue_missing:
        from wagtail.models import Page

        have = set(
            QRCode.objects.filter(page_id__in=[r[0] for r in rows]).values_list(
                "page_id", flat=True
            )
        )
        for missing in Page.objects.filter(pk__in=[r[0] for r in rows if r[0] not in have]):
            QRCode.issue_for(missing)
    codes = dict(
        QRCode.objects.filter(page_id__in=[r[0] for r in rows]).values_list("page_id", "code")
    )
    return [
        PrintItem(
            url=QRCode.url_for_code(codes[pk]),
            title=title,
            code=codes[pk],
            book_code=book_code or "",
            call_number=call_number or "",
        )
        for pk, title, book_code, call_number in rows
        if pk in codes
    ]


def sheet_dir():
    """Where printed sheets wait for download: private, never under MEDIA_ROOT."""
    directory = Path(settings.QR_SHEET_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


class SheetJob(BackgroundJob):
    """A PDF printed in a background thread (see cms.jobs), kept until downloaded."""

    progress_every = 25

    @classmethod
    def directory(cls):
        return sheet_dir()

    @property
    def pdf_path(self):
        return self.file(".pdf")

    @classmethod
    def start_printing(cls, *, page_id, user_id, render, total):
        """Run `render(output_file, progress)` in a thread; returns the job."""
        job = cls.new(page_id=page_id, user_id=user_id)

        def work(progress):
            partial = job.pdf_path.with_suffix(".part")
            with open(partial, "wb") as output:
                render(output, progress)
            partial.rename(job.pdf_path)

        job.start(work, total=total)
        return job
