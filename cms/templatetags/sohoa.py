from django import template
from django.conf import settings

from cms.validators import format_vietnamese_phone, phone_to_tel_uri

register = template.Library()


@register.filter
def tel_uri(value):
    """`tel:+84-…` for a tap-to-call link, or '' when the number is not valid."""
    return phone_to_tel_uri(value)


@register.filter
def phone_display(value):
    return format_vietnamese_phone(value)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """An absolute URL on the public origin, for canonical links and link previews."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    base = settings.SITE_BASE_URL
    if not base:
        request = context.get("request")
        base = request.build_absolute_uri("/").rstrip("/") if request else ""
    return base + url


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page else []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
