"""Admin additions of the home app: the units screens and the units' report dashboard."""

from home import dashboard_admin, units_admin  # noqa: F401  (their hooks register on import)
