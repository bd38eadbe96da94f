"""Production settings refuse to start insecurely, and pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def clean_env(**variables):
    """Only what a fresh server has, plus the given variables: nothing leaks from this run."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    env.update(variables)
    return env


def run_python(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path, **overrides):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="sohoa.example.vn",
        SITE_BASE_URL="https://sohoa.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_settings_refuse_to_load_without_a_required_variable(tmp_path, missing):
    env = production_env(tmp_path, **{missing: None})
    result = run_python(["-c", "import cms.settings.production"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_settings_load_when_the_environment_is_complete(tmp_path):
    result = run_python(
        [
            "-c",
            "import cms.settings.production as s; "
            "print(s.DEBUG, s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.SESSION_COOKIE_SECURE)",
        ],
        production_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == (
        "False ['sohoa.example.vn'] ['https://sohoa.example.vn'] True"
    )


def test_production_passes_djangos_deployment_checklist_without_warnings(tmp_path):
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_checklist_would_catch_a_weak_secret_key(tmp_path):
    # Shows the check above can fail: a short key is a deployment warning.
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path, SECRET_KEY="short"),
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
