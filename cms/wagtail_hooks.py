"""Admin additions shared by every page kind: QR codes (panel, downloads, report)."""

from cms.qr import admin_views, report  # noqa: F401  (their hooks register on import)
