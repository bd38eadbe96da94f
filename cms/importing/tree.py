"""Adding many child pages under one parent in a few statements, keeping the tree valid.

``add_child`` saves each page and re-reads its parent, and ``save_revision().publish()``
adds several more queries and signals per page: about 100 ms a book, 17 minutes for a
10,000-book catalogue. Here (the approach of bench/search_data.py) the tree position of
each new page is computed as treebeard would: Wagtail's ``Page`` is a materialised-path node
with 4-character steps in base 36, so the n-th child of a parent has
``path = parent.path + base36(n).rjust(4, "0")``; ``url_path`` is the parent's plus the slug;
the parent's ``numchild`` is recounted afterwards. Ids are allocated before writing (a
PostgreSQL sequence, SQLite's max(id) + 1 under its single writer), so each page is one row
of ``wagtailcore_page`` plus one row of its own table sharing that id, and both tables are
written with multi-row INSERTs (Django refuses ``bulk_create`` on multi-table-inherited
models). Everything runs in the caller's transaction.
"""

from django.db import connection
from django.db.models import Max
from django.utils.text import slugify
from wagtail.models import Page

from cms.folding import fold

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SLUG_LENGTH = 80


def path_step(n):
    """The path step of the n-th child (1-based): 1 -> '0001', 36 -> '0010'."""
    digits = ""
    while n:
        n, remainder = divmod(n, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    if len(digits) > Page.steplen:
        raise ValueError(f"more than {len(ALPHABET) ** Page.steplen - 1} children under one page")
    return digits.rjust(Page.steplen, "0")


def children_of(parent):
    return Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)


def last_child_number(parent):
    last = children_of(parent).aggregate(last=Max("path"))["last"]
    return int(last[-Page.steplen :], len(ALPHABET)) if last else 0


def allocate_page_ids(count):
    """`count` new page ids, taken before the rows are written."""
    if not count:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Page._meta.db_table, count],
            )
            return [row[0] for row in cursor.fetchall()]
    # SQLite has one writer at a time, and its AUTOINCREMENT follows explicit ids.
    first = (Page.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    return list(range(first, first + count))


class SlugAllocator:
    """ASCII slugs from titles ('Dế Mèn' -> 'de-men'), unique among the parent's children."""

    def __init__(self, parent):
        self.taken = set(children_of(parent).values_list("slug", flat=True))
        self.next_suffix = {}

    def slug_for(self, title):
        base = slugify(fold(title))[:SLUG_LENGTH].strip("-") or "trang"
        slug = base
        suffix = self.next_suffix.get(base, 2)
        while slug in self.taken:
            slug = f"{base}-{suffix}"
            suffix += 1
        self.next_suffix[base] = suffix
        self.taken.add(slug)
        return slug


def insert_rows(model, fields, objects):
    """Multi-row INSERT of `objects` into `model`'s own table, `fields` being its local
    concrete fields; values go through each field's get_db_prep_save (JSON, UUIDs, dates)."""
    if not objects:
        return
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # bulk_batch_size knows SQLite's variable limit; PostgreSQL's protocol allows 65,535.
    batch = max(1, min(ops.bulk_batch_size(fields, objects), 65_535 // len(fields), 1000))
    with connection.cursor() as cursor:
        for start in range(0, len(objects), batch):
            chunk = objects[start : start + batch]
            params = [
                field.get_db_prep_save(getattr(obj, field.attname), connection)
                for obj in chunk
                for field in fields
            ]
            values = ", ".join([placeholder] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)


def insert_pages(model, pages):
    """Write new pages (ids, paths and every column already set) as two multi-row INSERTs."""
    insert_rows(Page, list(Page._meta.local_concrete_fields), pages)
    insert_rows(model, list(model._meta.local_concrete_fields), pages)


def recount_children(parent):
    Page.objects.filter(pk=parent.pk).update(numchild=children_of(parent).count())
