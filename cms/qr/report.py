"""The QR scans report in the admin (hooks register here; imported by cms.wagtail_hooks)."""
