"""A public book's e-book file, served so that a phone on a slow network can read it piece by piece.

PDF.js asks for the byte ranges it needs (the cross-reference table at the end, then the objects
of the page shown), so a 50 MB book shows its first page after a few 64 KB requests. Wagtail's
own document URL sends the whole file (it has no Range support) and knows nothing of the book
page that links to it; this view serves only the e-books of live, public book pages.
"""

import re
from functools import wraps

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import (
    content_disposition_header,
    http_date,
    parse_http_date_safe,
    quote_etag,
)
from django.views.decorators.http import require_safe

from cms.counting import count_ebook_open
from library.models import BookPage
from library.validators import EBOOK_CONTENT_TYPES

CHUNK_SIZE = 64 * 1024
# One range only; a client asking for several at once gets the whole file (RFC 9110 §14.2).
# Positions of at most 18 digits: no file is larger, and Python refuses to convert a
# thousands-digit number, which would turn a silly header into a server error.
SINGLE_BYTE_RANGE = re.compile(r"^bytes=\s*(\d{0,18})\s*-\s*(\d{0,18})\s*$")


class RangeNotSatisfiable(Exception):
    pass


def parse_byte_range(header, size):
    """The inclusive (first, last) byte positions a Range header asks for, or None to send the
    whole file (no header, a malformed one or several ranges, which RFC 9110 lets us ignore).

    Raises RangeNotSatisfiable when the range lies wholly outside the file.
    """
    match = SINGLE_BYTE_RANGE.match(header or "")
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:
        # "bytes=-500": the last 500 bytes, or the whole file if it is shorter.
        suffix_length = int(last)
        if suffix_length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix_length), size - 1
    first = int(first)
    if last and int(last) < first:
        return None
    if first >= size:
        raise RangeNotSatisfiable
    return first, min(int(last), size - 1) if last else size - 1


class FileSlice:
    """`length` bytes of an open file from `start`, read in chunks as the response is sent.

    Django calls close() when the response ends, even if sending stopped early (PDF.js cancels
    its first full request once it sees that ranges are supported), so the file is always closed.
    """

    def __init__(self, handle, start, length):
        self.handle, self.start, self.length = handle, start, length

    def __iter__(self):
        self.handle.seek(self.start)
        remaining = self.length
        while remaining > 0:
            chunk = self.handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk

    def close(self):
        self.handle.close()


def without_gzip(view):
    """Keep GZipMiddleware off this view's responses.

    It would compress the stream and drop Content-Length; PDF.js then cannot use range requests
    and downloads the whole book. PDFs and EPUBs are compressed already, so nothing is lost.
    GZipMiddleware decides from the request's Accept-Encoding, hence the header is dropped here.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.META.pop("HTTP_ACCEPT_ENCODING", None)
        return view(request, *args, **kwargs)

    return wrapper


def readable_document(book, request):
    """The book's e-book Document if this visitor may read it; Http404 otherwise."""
    document = book.ebook
    if document is None:
        raise Http404
    # A document kept in a restricted collection stays restricted whichever page links to it.
    for restriction in document.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return document


def file_validators(document):
    """(size, ETag, Last-Modified timestamp) of a Document's file without reading its content."""
    size = document.file.size
    try:
        modified = document.file.storage.get_modified_time(document.file.name)
    except NotImplementedError:
        modified = document.created_at
    timestamp = int(modified.timestamp())
    # Wagtail stores a SHA-1 of the content at upload; older documents may not have one.
    tag = document.file_hash or f"{document.pk}-{size:x}-{timestamp:x}"
    return size, quote_etag(tag), timestamp


def range_applies(request, etag, timestamp):
    """False when If-Range names another version of the file, which must then be sent whole."""
    if_range = request.META.get("HTTP_IF_RANGE", "").strip()
    if not if_range:
        return True
    if if_range.startswith(('"', "W/")):
        return if_range == etag
    return parse_http_date_safe(if_range) == timestamp


def describe_file(response, *, content_type, size, etag, timestamp, filename):
    response["Content-Type"] = content_type
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(timestamp)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    # Cached, but checked against the ETag each time: ranges of an old and a new upload of the
    # same book must never be mixed in a phone's cache.
    patch_cache_control(response, public=True, no_cache=True)
    return response


@without_gzip
@require_safe
def ebook(request, book_id):
    """The e-book of a live, public book page, whole or as the one byte range asked for."""
    book = get_object_or_404(
        BookPage.objects.live().public().select_related("ebook__collection"), pk=book_id
    )
    document = readable_document(book, request)
    ebook_format = book.ebook_format
    if ebook_format is None:
        raise Http404
    try:
        size, etag, timestamp = file_validators(document)
    except OSError:
        raise Http404 from None
    count_ebook_open(request, book)
    file_description = {
        "content_type": EBOOK_CONTENT_TYPES[ebook_format],
        "size": size,
        "etag": etag,
        "timestamp": timestamp,
        "filename": document.filename,
    }

    not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if not_modified is not None:
        return describe_file(not_modified, **file_description)

    byte_range = None
    if range_applies(request, etag, timestamp):
        try:
            byte_range = parse_byte_range(request.META.get("HTTP_RANGE"), size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return describe_file(response, **file_description)
    first, last = byte_range or (0, size - 1)
    length = last - first + 1

    if request.method == "HEAD":
        response = HttpResponse()
    else:
        try:
            handle = document.file.storage.open(document.file.name, "rb")
        except OSError:
            raise Http404 from None
        response = StreamingHttpResponse(FileSlice(handle, first, length))
    if byte_range:
        response.status_code = 206
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(length)
    return describe_file(response, **file_description)
