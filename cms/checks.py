"""System checks that warn loudly about a misconfigured public origin."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.utils.translation import gettext as _

LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "testserver"}


def site_base_url_problem():
    """Why printed QR codes would not work with the configured origin, or '' if they would."""
    base = settings.SITE_BASE_URL
    if not base:
        return _(
            "SITE_BASE_URL is not set: QR codes cannot point to the public site. "
            "Set it to the public address, e.g. https://sohoa.example.vn."
        )
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("SITE_BASE_URL “%(url)s” is not a web address.") % {"url": base}
    if parts.hostname in LOCAL_HOSTS or parts.hostname.endswith(".localhost"):
        return _(
            "SITE_BASE_URL points to this computer (%(url)s): printed QR codes will not open "
            "on anyone's phone. Set it to the public address before printing."
        ) % {"url": base}
    return ""


@register("sohoa")
def check_site_base_url(app_configs, **kwargs):
    problem = site_base_url_problem()
    if problem and not settings.DEBUG:
        return [Warning(problem, id="sohoa.W001")]
    return []
