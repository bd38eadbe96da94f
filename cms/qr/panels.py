from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from cms.checks import site_base_url_problem


class QRCodePanel(Panel):
    """The page's QR code inside the editor: code, short link, scans and downloads."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("QR code"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "qr/admin/panel.html"

        def get_context_data(self, parent_context=None):
            from cms.qr import render
            from cms.qr.models import QRCode

            context = super().get_context_data(parent_context)
            page = self.instance
            qr_code = None
            if page.pk:
                qr_code = QRCode.objects.filter(page_id=page.pk).with_scan_totals().first()
            context.update(
                qr_code=qr_code,
                qr_svg=render.qr_svg(qr_code.short_url).decode() if qr_code else "",
                origin_problem=site_base_url_problem(),
                png_sizes=render.PNG_SIZES,
                page_id=page.pk,
            )
            return context
