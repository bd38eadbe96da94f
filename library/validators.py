"""E-book files are checked by their content, not by their name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EBOOK_MAX_BYTES = 50 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# An EPUB is a ZIP whose first entry is the uncompressed "mimetype" file.
EPUB_MAGIC = b"PK\x03\x04"
EPUB_MIMETYPE = b"application/epub+zip"


def sniff_ebook_format(head):
    """'pdf', 'epub' or None from the first bytes of a file."""
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(EPUB_MAGIC) and EPUB_MIMETYPE in head[:100]:
        return "epub"
    return None


def validate_ebook_document(value):
    """Accept a wagtaildocs Document (or its id) only if it really is a PDF or an EPUB."""
    from wagtail.documents import get_document_model

    document = value
    if not hasattr(document, "file"):
        document = get_document_model().objects.filter(pk=value).first()
    if document is None:
        return
    try:
        size = document.file.size
        with document.file.open("rb") as handle:
            head = handle.read(128)
    except (OSError, ValueError):
        raise ValidationError(
            _("Cannot open the file “%(title)s”. Please upload it again."),
            code="ebook_unreadable",
            params={"title": document.title},
        ) from None
    if size > EBOOK_MAX_BYTES:
        raise ValidationError(
            _("The file “%(title)s” is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="ebook_too_large",
            params={
                "title": document.title,
                "size": round(size / 1024 / 1024, 1),
                "limit": EBOOK_MAX_BYTES // 1024 // 1024,
            },
        )
    if sniff_ebook_format(head) is None:
        raise ValidationError(
            _("The file “%(title)s” is not a real PDF or EPUB e-book."),
            code="ebook_not_pdf_or_epub",
            params={"title": document.title},
        )
