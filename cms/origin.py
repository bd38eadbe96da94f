"""Links on the public origin (SITE_BASE_URL): what QR codes, link previews and the API print,
never the host an admin or an integrator happened to reach."""

from django.conf import settings


def on_public_origin(url, request=None):
    """`url` made absolute on SITE_BASE_URL; on the request's own origin only when no public
    origin is configured (a developer's machine)."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    base = settings.SITE_BASE_URL
    if not base and request is not None:
        base = request.build_absolute_uri("/").rstrip("/")
    return f"{base}{url}"


def page_public_url(page):
    """The page's current URL on the public origin, or None if it cannot be routed."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    _site_id, root_url, page_path = url_parts
    return f"{settings.SITE_BASE_URL or root_url}{page_path}"
