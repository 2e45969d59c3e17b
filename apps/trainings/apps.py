from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.signals import organization_approved


class TrainingsConfig(AppConfig):
    name = "apps.trainings"
    label = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        # Receivers use models, which are loaded only once apps are ready.
        from django.db.models.signals import post_save

        from apps.skills.models import Occupation, Skill

        from . import receivers
        from .signals import cohort_published

        organization_approved.connect(
            receivers.provider_approved, dispatch_uid="trainings.provider_approved"
        )
        # The catalog's cached filter choices follow what is published.
        cohort_published.connect(receivers.reread_facets, dispatch_uid="trainings.facets")
        # The search documents hold the taxonomy's words: keep them in step.
        post_save.connect(
            receivers.reindex_programs_of_skill,
            sender=Skill,
            dispatch_uid="trainings.reindex_skill",
        )
        post_save.connect(
            receivers.reindex_programs_of_occupation,
            sender=Occupation,
            dispatch_uid="trainings.reindex_occupation",
        )
