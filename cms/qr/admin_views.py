"""The QR page in the admin: code, short link, scans and downloads (hooks register here)."""
