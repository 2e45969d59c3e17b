from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.signals import organization_approved


class TrainingsConfig(AppConfig):
    name = "apps.trainings"
    label = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        # Receivers use models, which are loaded only once apps are ready.
        from . import receivers

        organization_approved.connect(
            receivers.provider_approved, dispatch_uid="trainings.provider_approved"
        )
