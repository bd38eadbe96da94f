from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeritageConfig(AppConfig):
    name = "heritage"
    verbose_name = _("Tuyến đường, di tích và văn phòng khu phố")
    default_auto_field = "django.db.models.BigAutoField"
