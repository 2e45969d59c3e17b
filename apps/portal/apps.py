from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: pages that read several apps (home, dashboards, staff delivery view) and
    the demo and volume seeding. Nothing imports it but `techhire`."""

    name = "apps.portal"
    label = "portal"
    verbose_name = _("Portal pages")
