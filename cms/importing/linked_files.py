"""Files a sheet links to: a book's PDF/EPUB and its cover, downloaded so the site holds them.

A teacher's list gives "Link ebook" and "Link ảnh bìa" columns. A student must read the
book inside the page, on the school's own site, so a link that leads straight to a PDF or
an EPUB becomes the book's e-book file (a Document) and a cover link its cover (an Image);
the link itself is kept as the page's reading link / cover link. A link that leads to a web
page, is too large or cannot be reached stays a link, and the report says why, row by row.

Downloads happen before the import's transaction (a slow server must not hold the database)
and only for links a page does not already hold a file from, so importing the same file
again downloads nothing and changes nothing.
"""

import hashlib
import ipaddress
import logging
import re
import socket
import tempfile
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import requests
from django.conf import settings
from django.core.files import File
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.importing.messages import lazy_message
from library.validators import (
    WINDOWS_PROGRAM_MAGIC,
    ebook_max_bytes,
    megabytes,
    sniff_ebook_format,
)

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
# Downloads at once: enough to hide a slow server's latency, few enough to be a polite client.
DOWNLOAD_WORKERS = 4
USER_AGENT = "Sohoa/1.0 (import of a library list)"
IMAGE_FORMATS = {"jpeg": "jpg", "png": "png", "gif": "gif", "webp": "webp", "avif": "avif"}
DRIVE_FILE_RE = re.compile(r"^/file/d/([\w-]+)")


class LinkError(Exception):
    """Why a link gave no usable file, in words for the editor."""


@dataclass
class Download:
    url: str
    file: Any  # a temporary file holding the body, at position 0
    size: int
    sha1: str
    filename: str


# Fetching -------------------------------------------------------------------------------


def direct_download_url(url):
    """The URL that gives the file itself for the share links teachers paste (Google Drive's
    "…/file/d/ID/view" opens a viewer page, "uc?export=download&id=ID" the file)."""
    parts = urlsplit(url)
    if parts.hostname in ("drive.google.com", "docs.google.com"):
        match = DRIVE_FILE_RE.match(parts.path)
        file_id = match.group(1) if match else parse_qs(parts.query).get("id", [None])[0]
        if file_id:
            return f"https://drive.google.com/uc?export=download&id={file_id}"
    return url


def check_address(url):
    """Refuse links the server must not fetch for an editor: other schemes, and (unless the
    site allows it) hosts on the server's own network — a spreadsheet must not become a way
    to read the intranet. Checked again at every redirect."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LinkError(_("Only http:// and https:// links can be downloaded."))
    if settings.SOHOA_FETCH_PRIVATE_ADDRESSES:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise LinkError(
            lazy_message(_("The server “%(host)s” was not found."), host=parts.hostname)
        ) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise LinkError(
                lazy_message(
                    _("The link points to “%(host)s”, inside the server’s own network."),
                    host=parts.hostname,
                )
            )


def download(url, *, max_bytes, timeout=None):
    """The body behind `url` in a temporary file (redirects followed and checked); LinkError
    with the reason when it is unreachable, an error page, or larger than `max_bytes`."""
    timeout = timeout or settings.SOHOA_FETCH_TIMEOUT
    current = direct_download_url(url)
    with requests.Session() as session:
        for _hop in range(MAX_REDIRECTS + 1):
            check_address(current)
            try:
                response = session.get(
                    current,
                    stream=True,
                    timeout=timeout,
                    allow_redirects=False,
                    headers={"User-Agent": USER_AGENT},
                )
            except requests.Timeout:
                raise LinkError(_("The server did not answer in time.")) from None
            except requests.RequestException:
                raise LinkError(_("The server could not be reached.")) from None
            with response:
                if response.is_redirect:
                    current = urljoin(current, response.headers["Location"])
                    continue
                if response.status_code != 200:
                    raise LinkError(
                        lazy_message(
                            _("The server answered with error %(status)s."),
                            status=response.status_code,
                        )
                    )
                return read_body(response, current, max_bytes)
    raise LinkError(_("The link redirects too many times."))


def read_body(response, url, max_bytes):
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(int(declared), max_bytes)
    # Handed to the caller in the Download, which closes it once the file is stored.
    body = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
    digest = hashlib.sha1()
    size = 0
    try:
        for chunk in response.iter_content(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise too_large(size, max_bytes)
            digest.update(chunk)
            body.write(chunk)
    except requests.RequestException:
        body.close()
        raise LinkError(_("The download was interrupted.")) from None
    except LinkError:
        body.close()
        raise
    body.seek(0)
    return Download(url, body, size, digest.hexdigest(), filename_of(response, url))


def too_large(size, limit):
    return LinkError(
        lazy_message(
            _("The file is too large (%(size)s MB or more); the limit is %(limit)s MB."),
            size=megabytes(size),
            limit=megabytes(limit),
        )
    )


def filename_of(response, url):
    disposition = response.headers.get("Content-Disposition", "")
    match = re.search(r"filename\*=UTF-8''([^;]+)|filename=\"?([^\";]+)\"?", disposition)
    name = unquote(match.group(1) or match.group(2)) if match else ""
    name = name or unquote(PurePosixPath(urlsplit(url).path).name)
    return get_valid_filename(name) if name.strip(". ") else "file"


# What a link may become ------------------------------------------------------------------


def read_head(download, count=128):
    head = download.file.read(count)
    download.file.seek(0)
    return head


def ebook_problem(download):
    head = read_head(download)
    if head.startswith(WINDOWS_PROGRAM_MAGIC):
        return _("The link leads to a Windows program (.exe), not a PDF or EPUB e-book.")
    if sniff_ebook_format(head) is None:
        return _("The link leads to a web page or another kind of file, not a PDF or EPUB.")
    return None


def store_ebook(download, title, collection, user):
    extension = sniff_ebook_format(read_head(download))
    document = get_document_model()(title=title, collection=collection, uploaded_by_user=user)
    document.file.save(with_extension(download.filename, extension), File(download.file), False)
    document.file_size, document.file_hash = download.size, download.sha1
    document.save()
    return document


def inspect_image(download):
    """(format, (width, height)) of the image the bytes really are, or None."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        with PILImage.open(download.file) as picture:
            found, size = (picture.format or "").lower(), picture.size
            picture.verify()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        PILImage.DecompressionBombError,
    ):
        return None
    finally:
        download.file.seek(0)
    return (found, size) if found in IMAGE_FORMATS else None


def cover_problem(download):
    if inspect_image(download) is None:
        return _("The link does not lead to a JPEG, PNG, GIF or WebP image.")
    return None


def store_cover(download, title, collection, user):
    found, (width, height) = inspect_image(download)
    image = get_image_model()(title=title, collection=collection, uploaded_by_user=user)
    filename = with_extension(download.filename, IMAGE_FORMATS[found])
    image.file.save(filename, File(download.file), False)
    # After the file: assigning it resets the dimension fields.
    image.width, image.height = width, height
    image.file_size, image.file_hash = download.size, download.sha1
    image.save()
    return image


def with_extension(filename, extension):
    stem = PurePosixPath(filename).stem or "file"
    return f"{stem[:80]}.{extension}"


def image_max_bytes():
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


@dataclass(frozen=True)
class LinkedFile:
    """A link column whose file is downloaded into a field: `link_field` keeps the link,
    `target_field` receives the stored object, `problem` says why a download is unusable."""

    link_field: str
    target_field: str
    model: Callable[[], type]
    max_bytes: Callable[[], int]
    problem: Callable[[Download], Any]
    store: Callable[[Download, str, Any, Any], Any]
    kept_as: Any  # what the page does with an unusable link, for the report
    notice: Any  # told to the editor before importing a sheet with this column


EBOOK_FROM_LINK = LinkedFile(
    "reading_url",
    "ebook",
    get_document_model,
    ebook_max_bytes,
    ebook_problem,
    store_ebook,
    _("The link stays a link to read the book on the other site."),
    _(
        "E-book links that lead straight to a PDF or EPUB file will be downloaded when importing, "
        "so students read the book inside its page; other links stay links to read elsewhere."
    ),
)
COVER_FROM_LINK = LinkedFile(
    "cover_url",
    "cover_image",
    get_image_model,
    image_max_bytes,
    cover_problem,
    store_cover,
    _("The book has no cover image from it."),
    _("Cover links will be downloaded when importing and become the books’ cover images."),
)


# The import's step -----------------------------------------------------------------------


@dataclass
class LinkReport:
    """What the downloads gave: `stored` counts files saved; `notes` (RowError) are links
    that stayed links; `created` the new Documents/Images, removed again if the import fails."""

    stored: int = 0
    notes: list = field(default_factory=list)
    created: list = field(default_factory=list)

    def discard_created(self):
        for item in self.created:
            item.file.delete(save=False)
            item.delete()
        self.created.clear()


def links_to_fetch(plan, rows):
    """(row, linked file, link) for each link a page does not already hold the file of."""
    linked_files = plan.kind.linked_files
    rows = [row for row in rows if any(row.values.get(f.link_field) for f in linked_files)]
    if not rows:
        return []
    held = [f"{linked.target_field}_id" for linked in linked_files]
    links = [linked.link_field for linked in linked_files]
    matched = [row.page_id for row in rows if row.page_id]
    existing = {
        page["pk"]: page
        for page in plan.kind.model.objects.filter(pk__in=matched).values("pk", *held, *links)
    }
    wanted = []
    for row in rows:
        page = existing.get(row.page_id, {})
        for linked in linked_files:
            link = row.values.get(linked.link_field)
            has_file = page.get(f"{linked.target_field}_id") and page.get(linked.link_field) == link
            if link and not has_file:
                wanted.append((row, linked, link))
    return wanted


def fetch_linked_files(plan, rows, *, progress, header_of, user=None):
    """Download what `rows` link to and put the stored files into their values (an
    unchanged row that gains a file becomes an update). Returns a LinkReport."""
    rows_by_link = defaultdict(list)
    for row, linked, link in links_to_fetch(plan, rows):
        rows_by_link[(linked, link)].append(row)
    report = LinkReport()
    if not rows_by_link:
        return report
    links = list(rows_by_link)
    progress(0, len(links))
    filer = LinkedFileStore(report, header_of, user)
    with ThreadPoolExecutor(max_workers=DOWNLOAD_WORKERS) as pool:
        try:
            # Each file is stored as soon as it arrives and its temporary copy closed, so a
            # list of thousands of e-books never sits on the disk at once.
            for done, (item, result) in enumerate(
                zip(links, pool.map(fetch, links), strict=True), start=1
            ):
                filer.apply(*item, result, rows_by_link[item])
                progress(done, len(links))
        except BaseException:
            report.discard_created()
            raise
    return report


def fetch(item):
    """Download or LinkError for (linked file, link): run in the download threads."""
    linked, link = item
    try:
        return download(link, max_bytes=linked.max_bytes())
    except LinkError as error:
        return error
    except Exception as error:  # a malformed URL, an odd server: the row says so
        logger.warning("Could not download %s: %s", link, error)
        return LinkError(_("The link could not be downloaded."))


class LinkedFileStore:
    """Turns each download into a stored Document/Image and gives it to the rows."""

    def __init__(self, report, header_of, user):
        self.report = report
        self.header_of = header_of
        self.user = user
        self.collection = Collection.get_first_root_node()

    def apply(self, linked, link, result, rows):
        from cms.importing.planning import UNCHANGED, UPDATE, RowError

        try:
            problem = result.args[0] if isinstance(result, LinkError) else linked.problem(result)
            if problem:
                message = lazy_message(
                    "%(reason)s %(kept_as)s", reason=problem, kept_as=linked.kept_as
                )
                header = self.header_of(linked.link_field)
                self.report.notes.extend(RowError(row.row_number, header, message) for row in rows)
                return
            stored = self.stored(linked, result, rows[0].values["title"])
        finally:
            if isinstance(result, Download):
                result.file.close()
        for row in rows:
            row.values[linked.target_field] = stored
            if row.action == UNCHANGED:
                row.action = UPDATE
            if row.page_id and linked.target_field not in row.changed_fields:
                row.changed_fields.append(linked.target_field)
            self.report.stored += 1

    def stored(self, linked, download, title):
        """The same bytes already on the site (a book listed twice, a file an editor
        uploaded) are used again rather than stored twice."""
        same = linked.model().objects.filter(file_hash=download.sha1).order_by("pk").first()
        if same is not None:
            return same
        item = linked.store(download, title, self.collection, self.user)
        self.report.created.append(item)
        return item
