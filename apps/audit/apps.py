from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The append-only log of decisions about people's data (models.AuditEntry). Sits just
    above core, beside notifications, so every app that records a decision can import it;
    it imports only core. The staff's page over it lives in portal."""

    name = "apps.audit"
    label = "audit"
    verbose_name = _("Audit trail")
