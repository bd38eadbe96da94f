"""Fixtures the home app's tests share with the rest of the suite (see tests/conftest.py)."""

from tests.conftest import open_phone  # noqa: F401  (phones that reach only the site)
