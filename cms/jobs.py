"""Long admin work in a background thread, with progress any server process can report.

The status (state, done, total, owner, result) lives in a small JSON file in a private
directory (`SOHOA_JOB_DIR`), so the page that polls it may be served by another process than
the one doing the work, and files uploaded for the work wait beside it.
"""

import json
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import Http404

JOB_ID_CHARACTERS = frozenset("0123456789abcdef")


def job_dir():
    directory = Path(settings.SOHOA_JOB_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


class BackgroundJob:
    # Writing the status file for every row would cost more than the row.
    progress_every = 50

    def __init__(self, job_id):
        if not job_id or not set(job_id) <= JOB_ID_CHARACTERS:
            raise ValueError("bad job id")
        self.job_id = job_id
        self.status_path = self.directory() / f"{job_id}.json"

    @classmethod
    def directory(cls):
        return job_dir()

    @classmethod
    def owned(cls, job_id, *, page, user):
        """(job, status) of a job started for this page (None: for no page) by this user; 404
        for anyone else's, so job ids cannot be guessed into someone else's work."""
        try:
            job = cls(job_id)
        except ValueError:
            raise Http404 from None
        status = job.status()
        page_id = page.pk if page is not None else None
        if not status or status.get("page_id") != page_id or status.get("user_id") != user.pk:
            raise Http404
        return job, status

    @classmethod
    def new(cls, **status):
        job = cls(uuid.uuid4().hex)
        job.write_status(state="waiting", done=0, total=0, **status)
        return job

    def file(self, suffix):
        """A private file belonging to this job (an upload, a result)."""
        return self.directory() / f"{self.job_id}{suffix}"

    def start(self, work, total):
        """Run `work(progress)` in a thread; what it returns becomes the status's result."""
        self.update(state="running", done=0, total=total)
        thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        thread.start()
        return thread

    def _run(self, work):
        last_written = {"done": 0, "stage": None}

        def progress(done, total=None, stage=None):
            """`stage` names a phase of the work (downloading, writing…) for the page to say."""
            new_stage = stage != last_written["stage"]
            due = done - last_written["done"] >= self.progress_every or (total and done >= total)
            if new_stage or due:
                last_written.update(done=done, stage=stage)
                changes = {"done": done, "stage": stage}
                self.update(**changes, **({"total": total} if total else {}))

        try:
            result = work(progress)
            self.update(state="done", done=(self.status() or {}).get("total", 0), result=result)
        except Exception as error:  # the admin must hear about it rather than poll forever
            self.update(state="failed", error=str(error))
            raise
        finally:
            connection.close()

    def update(self, **changes):
        self.write_status(**{**(self.status() or {}), **changes})

    def write_status(self, **status):
        temporary = self.status_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(status, default=str))
        temporary.replace(self.status_path)

    def status(self):
        try:
            return json.loads(self.status_path.read_text())
        except (OSError, ValueError):
            return None
