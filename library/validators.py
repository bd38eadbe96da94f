"""E-book files are checked by their content, not by their name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"
# An EPUB is a ZIP whose first entry is the uncompressed "mimetype" file.
EPUB_MAGIC = b"PK\x03\x04"
EPUB_MIMETYPE = b"application/epub+zip"
# Windows programs (.exe, .dll, .scr) start with the DOS header "MZ"; a volunteer who renamed one
# to .pdf deserves to be told what the file really is.
WINDOWS_PROGRAM_MAGIC = b"MZ"
HEAD_BYTES = 128
EBOOK_CONTENT_TYPES = {"pdf": "application/pdf", "epub": "application/epub+zip"}


def sniff_ebook_format(head):
    """'pdf', 'epub' or None from the first bytes of a file."""
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(EPUB_MAGIC) and EPUB_MIMETYPE in head[:100]:
        return "epub"
    return None


def read_ebook_head(document):
    """The first bytes of a Document's file; OSError or ValueError if the file cannot be read."""
    with document.file.open("rb") as handle:
        return handle.read(HEAD_BYTES)


def ebook_max_bytes():
    """The size limit from the SOHOA_EBOOK_MAX_MB setting, in bytes."""
    return int(settings.SOHOA_EBOOK_MAX_MB * 1024 * 1024)


def megabytes(size_in_bytes):
    """A size in MB as Vietnamese write it: "50", "80,4", "0,002" (never "50.0")."""
    value = size_in_bytes / 1024 / 1024
    text = f"{value:.1f}" if value >= 0.1 else f"{value:.3f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


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
        head = read_ebook_head(document)
    except (OSError, ValueError):
        raise ValidationError(
            _("Cannot open the file “%(title)s”. Please upload it again."),
            code="ebook_unreadable",
            params={"title": document.title},
        ) from None
    limit = ebook_max_bytes()
    if size > limit:
        raise ValidationError(
            _("The file “%(title)s” is too large (%(size)s MB); the limit is %(limit)s MB."),
            code="ebook_too_large",
            params={
                "title": document.title,
                "size": megabytes(size),
                "limit": megabytes(limit),
            },
        )
    if head.startswith(WINDOWS_PROGRAM_MAGIC):
        raise ValidationError(
            _(
                "The file “%(title)s” is a Windows program (.exe) renamed, not a PDF or EPUB "
                "e-book. Please upload the book’s PDF or EPUB file."
            ),
            code="ebook_is_a_program",
            params={"title": document.title},
        )
    if sniff_ebook_format(head) is None:
        raise ValidationError(
            _("The file “%(title)s” is not a real PDF or EPUB e-book."),
            code="ebook_not_pdf_or_epub",
            params={"title": document.title},
        )
