"""Permanent QR codes for every page: short codes, short links, rendering and scan counts."""
