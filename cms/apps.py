from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Sohoa – shared")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import checks  # noqa: F401  (registers the system checks)
        from cms.signal_handlers import register_signal_handlers

        register_signal_handlers()
