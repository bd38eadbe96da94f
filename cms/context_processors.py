from django.conf import settings


def site_context(request):
    """What every public template needs: the unit's name and the public origin."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "UNIT_NAME": settings.SOHOA_UNIT_NAME,
        "SITE_BASE_URL": settings.SITE_BASE_URL,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
