"""Fixtures shared by every app's tests: a site whose root is a fresh home page, an admin,
and uploaded media kept in a temporary directory per test worker."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent


def compile_stale_catalogues():
    """Compile the catalogues of LOCALE_PATHS (locale/, cms/admin_locale/) whose .mo is missing
    or older.

    The .mo files are build output (ignored by git, built by `make setup`); a bare
    `python -m pytest` after someone edits a catalogue would otherwise assert Vietnamese
    messages against a stale or missing translation.
    """
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    from django.conf import settings

    for po in (
        po for root in settings.LOCALE_PATHS for po in Path(root).glob("*/LC_MESSAGES/*.po")
    ):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        # Written aside and renamed, so a process reading the catalogue never sees half a file.
        fd, partial = tempfile.mkstemp(dir=po.parent, suffix=".mo.partial")
        os.close(fd)
        try:
            subprocess.run([msgfmt, "-o", partial, str(po)], check=True)
            os.chmod(partial, 0o644)  # mkstemp's 0600 would hide it from a web server's user
            os.replace(partial, mo)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)


def pytest_configure(config):
    # Tests serve static files through the finders; WhiteNoise's complaint that collectstatic
    # has not run is noise here.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
    # Only in the controlling process: xdist workers start after it and load the result.
    if not hasattr(config, "workerinput"):
        compile_stale_catalogues()


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploads go to a per-worker temporary directory, never to the project's media/."""
    # tmp_path_factory is already per xdist worker, so parallel workers never share files.
    root = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(root)):
        yield root


@pytest.fixture
def home_page(db):
    """A fresh HomePage as the root of the default Site, as `load_demo` and a real unit have."""
    from home.tests.factories import make_site_root

    return make_site_root()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="quantri", email="quantri@example.vn", password="mat-khau-thu-nghiem"
    )


@pytest.fixture
def admin_client(client, superuser):
    """A test client logged in to the Wagtail admin as a superuser."""
    client.force_login(superuser)
    return client
