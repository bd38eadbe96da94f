"""Admin additions of the home app: the units screens."""

from home import units_admin  # noqa: F401  (its hooks register on import)
