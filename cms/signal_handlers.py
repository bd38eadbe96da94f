from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published

from cms.qr.models import QRCode


def issue_qr_code_on_publish(sender, instance, **kwargs):
    """Every page kind gets its code on first publish, with no per-model code."""
    QRCode.issue_for(instance)


def remember_deleted_page(sender, instance, **kwargs):
    """Keep the title and tree position of a deleted page so its printed code can still help.

    Django sends this once per model of the page's inheritance chain; the first one wins.
    """
    if not isinstance(instance, Page):
        return
    QRCode.objects.filter(page_id=instance.pk, deleted_at__isnull=True).update(
        former_title=instance.title,
        former_path=instance.path,
        deleted_at=timezone.now(),
    )


def register_signal_handlers():
    from cms.places import connect_signals as forget_cached_places_on_changes

    forget_cached_places_on_changes()
    page_published.connect(issue_qr_code_on_publish, dispatch_uid="sohoa_issue_qr_code")
    pre_delete.connect(remember_deleted_page, dispatch_uid="sohoa_remember_deleted_page")
