from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "apps.employers"
    label = "employers"
    verbose_name = _("Employers, jobs and hires")

    def ready(self):
        from django.db.models.signals import post_save

        from apps.accounts.signals import organization_approved
        from apps.skills.models import Occupation, Skill

        from . import receivers
        from .signals import job_closed, job_published

        organization_approved.connect(
            receivers.publish_jobs_of_approved_employer,
            dispatch_uid="employers.publish_jobs_of_employer",
        )
        # The search's facet counts (selectors.search_choices) follow the open jobs.
        job_published.connect(receivers.recount_facets, dispatch_uid="employers.facets_published")
        job_closed.connect(receivers.recount_facets, dispatch_uid="employers.facets_closed")
        # The search documents hold the taxonomy's words: keep them in step.
        post_save.connect(
            receivers.reindex_jobs_of_skill, sender=Skill, dispatch_uid="employers.reindex_skill"
        )
        post_save.connect(
            receivers.reindex_jobs_of_occupation,
            sender=Occupation,
            dispatch_uid="employers.reindex_occupation",
        )
