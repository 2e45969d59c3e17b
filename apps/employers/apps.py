from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "apps.employers"
    label = "employers"
    verbose_name = _("Employers, jobs and hires")

    def ready(self):
        from apps.accounts.signals import organization_approved

        from .receivers import publish_jobs_of_approved_employer

        organization_approved.connect(
            publish_jobs_of_approved_employer, dispatch_uid="employers.publish_jobs_of_employer"
        )
