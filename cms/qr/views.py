"""The public short link `/q/<code>`: where every printed QR code lands."""

import re

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.origin import page_public_url
from cms.qr.codes import has_look_alikes, normalise_code
from cms.qr.models import QRCode, QRScanDay

# Link-preview fetchers, crawlers and scripts: they follow links without anyone scanning.
# Zalo's and Facebook's in-app browsers are people, so only their preview fetchers are listed.
BOT_USER_AGENT_RE = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|preview|facebookexternalhit|facebookcatalog|whatsapp"
    r"|telegram|skype|discord|slack|curl/|wget/|python|java/|go-http|okhttp|headless"
    r"|lighthouse|pingdom|uptime|monitor|httpclient|libwww|scrapy",
    re.IGNORECASE,
)


def is_human_scan(request):
    """Whether this hit is a person following the code, as far as we can tell without
    storing anything about them: GET only (HEAD and prefetches are not scans), no bot."""
    if request.method != "GET":
        return False
    if (
        request.headers.get("Sec-Purpose", "").startswith("prefetch")
        or request.headers.get("Purpose") == "prefetch"
    ):
        return False
    user_agent = request.headers.get("User-Agent", "")
    return bool(user_agent) and not BOT_USER_AGENT_RE.search(user_agent)


@require_safe
@never_cache
def short_link(request, code):
    """Redirect a printed code to its page's current URL (302: a 301 would be cached forever,
    and the page may move again)."""
    typed = normalise_code(code)
    qr_code = QRCode.objects.select_related("page").filter(code=typed).first()
    if qr_code is None:
        return TemplateResponse(
            request,
            "qr/unknown_code.html",
            {"code": typed[:20], "look_alikes": has_look_alikes(typed)},
            status=404,
        )
    if qr_code.page is None:
        return TemplateResponse(
            request,
            "qr/deleted_page.html",
            {"qr_code": qr_code, "ancestor": qr_code.nearest_surviving_ancestor()},
            status=410,
        )
    page = qr_code.page
    target = page_public_url(page) if page.live else None
    if target is None:
        return TemplateResponse(request, "qr/page_updating.html", {"qr_code": qr_code}, status=404)
    if is_human_scan(request):
        QRScanDay.count_one(qr_code)
    return HttpResponseRedirect(target)
