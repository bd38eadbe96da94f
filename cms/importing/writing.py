"""Writing a planned import: new pages in bulk, changed pages updated, in one transaction.

New pages are created live, each with one revision (its content, as ``save_revision``
would store it, so the admin's history and "compare" work) and a QR code, as publishing
them one by one would have issued. The search index receives the new and changed pages in
bulk. Nothing is written when the plan has an invalid row, unless `keep_valid` is asked for.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends_with_name

from cms.importing import tree
from cms.importing.linked_files import LinkReport, fetch_linked_files
from cms.importing.planning import CREATE, INVALID, UNCHANGED, UPDATE
from cms.qr.codes import MIN_LENGTH, random_code
from cms.qr.models import QRCode

logger = logging.getLogger(__name__)

# Pages written per round: memory stays flat and the progress bar moves.
BATCH_SIZE = 1000
# Page columns a bulk update changes besides the sheet's own fields.
PUBLISHING_FIELDS = ["draft_title", "last_published_at", "latest_revision_created_at"]


# What the progress callback is told is happening: progress(done, total, stage).
DOWNLOADING, WRITING, SUBMITTING = "download", "write", "submit"


@dataclass
class ImportReport:
    """What an import did; `page_ids` are the pages created and updated, in row order.

    `files_stored` counts the e-books and covers downloaded from the sheet's links;
    `link_notes` (RowError) say, row by row, which links stayed links and why.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_invalid: int = 0
    errors: list = field(default_factory=list)
    page_ids: list[int] = field(default_factory=list)
    files_stored: int = 0
    link_notes: list = field(default_factory=list)
    # Pages written as drafts and submitted for approval (an editor who may not publish).
    submitted: int = 0


def run_import(plan, *, keep_valid=False, progress=None, user=None, fetch_links=True, publish=True):
    """Carry out `plan`. With invalid rows and no `keep_valid`, write nothing and say so.

    Files the rows link to (e-books, covers) are downloaded first, outside the transaction;
    `fetch_links=False` keeps every link as a link. With `publish=False` (the importing user
    may not publish here) new pages are drafts and changes are new draft revisions, all
    submitted to the approval workflow of the parent page, as the editor's own edits would be.
    """
    report = ImportReport(skipped_invalid=plan.counts()[INVALID], errors=list(plan.errors))
    if not plan.is_valid and not keep_valid:
        report.unchanged = plan.counts()[UNCHANGED]
        return report
    progress = progress or (lambda done, total, stage=None: None)
    valid_rows = [row for row in plan.rows if row.action != INVALID]
    links = LinkReport()
    if fetch_links:
        links = fetch_linked_files(
            plan,
            valid_rows,
            progress=lambda done, total: progress(done, total, DOWNLOADING),
            header_of=plan.header_of,
            user=user,
        )
    report.files_stored, report.link_notes = links.stored, links.notes
    try:
        write_rows(plan, valid_rows, report, progress, user, publish)
    except BaseException:
        links.discard_created()
        raise
    return report


def write_rows(plan, rows, report, progress, user, publish=True):
    creates = [row for row in rows if row.action == CREATE]
    updates = [row for row in rows if row.action == UPDATE]
    report.unchanged = sum(1 for row in rows if row.action == UNCHANGED)
    total = len(creates) + len(updates)
    progress(0, total, WRITING)
    writer = PageWriter(plan.kind, user, publish)
    with transaction.atomic():
        # Two imports into one parent at once would compute the same paths: the second waits.
        parent = Page.objects.select_for_update().get(pk=plan.parent_page.pk)
        slugs = tree.SlugAllocator(parent)
        next_number = tree.last_child_number(parent) + 1
        for start in range(0, len(creates), BATCH_SIZE):
            batch = creates[start : start + BATCH_SIZE]
            pages = writer.create(parent, batch, slugs, next_number)
            next_number += len(batch)
            report.page_ids.extend(page.pk for page in pages)
            progress(start + len(batch), total, WRITING)
        if creates:
            tree.recount_children(parent)
        for start in range(0, len(updates), BATCH_SIZE):
            batch = updates[start : start + BATCH_SIZE]
            report.page_ids.extend(writer.update(batch))
            progress(len(creates) + start + len(batch), total, WRITING)
        if not publish:
            report.submitted = submit_for_approval(plan, report.page_ids, user, progress)
    report.created, report.updated = len(creates), len(updates)
    if total:
        forget_search_vocabulary()
        forget_cached_places()


class PageWriter:
    def __init__(self, kind, user, publish=True):
        self.publish = publish
        self.kind = kind
        self.model = kind.model
        self.user = user if getattr(user, "pk", None) else None
        self.content_type = ContentType.objects.get_for_model(self.model)
        self.base_content_type = ContentType.objects.get_for_model(Page)

    def new_page(self, parent, row, page_id, number, slug, now):
        page = self.model(**self.model_values(row.values))
        page.id = page.page_ptr_id = page_id
        page.path = parent.path + tree.path_step(number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.slug = slug
        page.url_path = f"{parent.url_path}{slug}/"
        page.draft_title = page.title
        page.locale_id = parent.locale_id
        page.content_type = self.content_type
        page.owner = self.user
        page.live = self.publish
        page.has_unpublished_changes = not self.publish
        if self.publish:
            page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
        self.prepare(page)
        return page

    def model_values(self, values):
        return {
            name: value
            for name, value in values.items()
            if value is not None or self.nullable(name)
        }

    def nullable(self, name):
        return self.model._meta.get_field(name).null

    def prepare(self, page):
        if self.kind.prepare:
            self.kind.prepare(page)

    def create(self, parent, rows, slugs, first_number):
        now = timezone.now()
        ids = tree.allocate_page_ids(len(rows))
        pages = [
            self.new_page(
                parent, row, page_id, first_number + i, slugs.slug_for(row.values["title"]), now
            )
            for i, (row, page_id) in enumerate(zip(rows, ids, strict=True))
        ]
        # Revisions point at their page by id only, so they go first and the pages are
        # written once, already knowing their revision.
        for page, revision in zip(pages, self.add_revisions(pages, now), strict=True):
            page.latest_revision_id = revision.pk
            if self.publish:
                page.live_revision_id = revision.pk
        tree.insert_pages(self.model, pages)
        self.log(pages, "wagtail.create", now)
        if self.publish:
            # A draft gets its code when it is published, like any page.
            issue_qr_codes([page.pk for page in pages])
        add_to_search_index(self.model, pages)
        return pages

    def add_revisions(self, pages, now):
        return Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.content_type,
                    base_content_type=self.base_content_type,
                    object_id=str(page.pk),
                    created_at=now,
                    user=self.user,
                    object_str=page.title,
                    content=page.serializable_data(),
                )
                for page in pages
            ]
        )

    def log(self, pages, action, now):
        """The admin's history shows the import, as it shows an edit."""
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type=self.content_type,
                    label=page.get_admin_display_title(),
                    action=action,
                    timestamp=now,
                    user=self.user,
                    page_id=page.pk,
                    revision_id=page.latest_revision_id,
                    content_changed=True,
                )
                for page in pages
            ]
        )

    def update(self, rows):
        """Save the changed fields of existing pages, with a revision each; their ids."""
        if not self.publish:
            return self.update_drafts(rows)
        now = timezone.now()
        by_id = self.model.get_indexed_objects().filter(pk__in=[row.page_id for row in rows])
        pages = by_id.in_bulk()
        changed = set()
        updated = []
        for row in rows:
            page = pages[row.page_id]
            for name in row.changed_fields:
                setattr(page, name, row.values.get(name))
                changed.add(self.model._meta.get_field(name).attname)
            page.draft_title = page.title
            page.last_published_at = page.latest_revision_created_at = now
            page._folded_text = None
            self.prepare(page)
            updated.append(page)
        revisions = self.add_revisions(updated, now)
        for page, revision in zip(updated, revisions, strict=True):
            page.live_revision_id = revision.pk
            # An editor's unpublished draft stays the latest revision, to be published later.
            if not page.has_unpublished_changes:
                page.latest_revision_id = revision.pk
        fields = [
            *changed,
            *self.kind.derived_fields,
            *PUBLISHING_FIELDS,
            "live_revision_id",
            "latest_revision_id",
        ]
        self.model.objects.bulk_update(updated, fields, batch_size=500)
        self.log(updated, "wagtail.publish", now)
        add_to_search_index(self.model, updated)
        return [page.pk for page in updated]

    def update_drafts(self, rows):
        """New draft revisions with the sheet's changes; the live pages stay as they are
        until the changes are approved."""
        now = timezone.now()
        pages = self.model.objects.filter(pk__in=[row.page_id for row in rows]).in_bulk()
        drafts = []
        for row in rows:
            page = pages[row.page_id]
            page = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
            for name in row.changed_fields:
                setattr(page, name, row.values.get(name))
            self.prepare(page)
            drafts.append(page)
        revisions = self.add_revisions(drafts, now)
        for page, revision in zip(drafts, revisions, strict=True):
            page.latest_revision_id = revision.pk
            page.has_unpublished_changes = True
            page.latest_revision_created_at = now
        # Only the page's pointers to its draft: its live content columns stay unchanged.
        Page.objects.bulk_update(
            drafts,
            ["latest_revision_id", "has_unpublished_changes", "latest_revision_created_at"],
            batch_size=500,
        )
        self.log(drafts, "wagtail.edit", now)
        return [page.pk for page in drafts]


def submit_for_approval(plan, page_ids, user, progress):
    """Each imported draft enters the approval workflow of its parent (Wagtail's own), so the
    moderators see it under "awaiting your review". Returns how many were submitted."""
    workflow = plan.parent_page.get_workflow()
    if workflow is None:
        return 0
    pages = plan.kind.model.objects.filter(pk__in=page_ids).in_bulk()
    progress(0, len(page_ids), SUBMITTING)
    for done, page_id in enumerate(page_ids, start=1):
        page = pages[page_id]
        if page.current_workflow_state is None:
            workflow.start(page, user)
        progress(done, len(page_ids), SUBMITTING)
    return len(page_ids)


def issue_qr_codes(page_ids):
    """A QR code for each new live page, as publishing it would have issued (QRCode.issue_for
    draws one code per page; here all are drawn at once and checked in a few queries)."""
    codes = set()
    while len(codes) < len(page_ids):
        wanted = len(page_ids) - len(codes)
        drawn = {random_code(MIN_LENGTH) for _ in range(wanted)} - codes
        taken = set(QRCode.objects.filter(code__in=drawn).values_list("code", flat=True))
        codes |= drawn - taken
    QRCode.objects.bulk_create(
        [QRCode(code=code, page_id=page_id) for code, page_id in zip(codes, page_ids, strict=True)]
    )


def add_to_search_index(model, pages):
    """Index the pages in every auto-updated backend, as saving them one by one would."""
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, pages)
        except Exception:
            # As Wagtail does: an external engine being down must not undo the import (run
            # update_index later); a database backend's error must roll the import back.
            if not backend.catch_indexing_errors:
                raise
            logger.exception("Could not index %s imported pages in %s", len(pages), name)


def forget_cached_places():
    """Bulk writes send no page signals: the map's cached places must be rebuilt."""
    from cms.places import forget_cached_places as forget

    forget()


def forget_search_vocabulary():
    """New titles: "did you mean" must learn their words, as it does when a page is published."""
    from search.suggestions import VOCABULARY_CACHE_KEY

    cache.delete(VOCABULARY_CACHE_KEY)
