"""Admin additions shared by every page kind: QR codes (panel, downloads, report) and
spreadsheet import/export under index pages and libraries."""

from cms import admin_guide, import_views  # noqa: F401  (their hooks register on import)
from cms.qr import admin_views, report  # noqa: F401  (their hooks register on import)
