"""What the benchmarks share: a throwaway database (SQLite file or PostgreSQL cluster) with
Django set up on it and migrated, and the engine's name for the printed figures."""

import contextlib
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def engine_name(connection):
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"PostgreSQL {major}.{minor}"
    return f"SQLite {connection.Database.sqlite_version}"


def create_postgres_database(url):
    """tests.postgres starts a bare cluster: create the URL's database if it is missing."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    server = {"host": config["HOST"], "port": config["PORT"], "user": config["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if not exists.fetchone():
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def run_under_postgres(script, argv):
    """Re-run `script` under tests.postgres (a throwaway cluster) unless DATABASE_URL already
    names a PostgreSQL database; the script's exit status, or None to go on here."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return None
    command = [sys.executable, "-m", "tests.postgres", "--", sys.executable, script, *argv]
    return subprocess.call(command, cwd=ROOT)


@contextlib.contextmanager
def throwaway_django(prefix, postgres=False):
    """Django set up on a new database, migrated: yields (work directory, engine name).

    Test settings: DEBUG off (no query log growing with every insert), no secrets needed,
    media in the work directory. Every view is imported before the measurements start: a run
    lasts minutes, and code edited meanwhile must not be half-imported into it."""
    with tempfile.TemporaryDirectory(prefix=prefix) as workdir:
        if postgres:
            create_postgres_database(os.environ["DATABASE_URL"])
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
        os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
        os.environ["TEST_MEDIA_ROOT"] = f"{workdir}/media"
        # WhiteNoise's complaint that collectstatic has not run is noise here.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.urls import get_resolver

        get_resolver().check()
        engine = engine_name(connection)
        call_command("migrate", verbosity=0, interactive=False)
        yield workdir, engine
