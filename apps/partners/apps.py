from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "apps.partners"
    label = "partners"
    verbose_name = _("Community partners, referrals and events")

    def ready(self):
        from allauth.account.signals import email_confirmed, user_signed_up

        from apps.employers.signals import application_status_changed, hire_decided
        from apps.trainings.signals import enrollment_completed

        from . import receivers

        user_signed_up.connect(receivers.link_after_sign_up, dispatch_uid="partners.sign_up")
        email_confirmed.connect(
            receivers.link_after_email_confirmed, dispatch_uid="partners.email_confirmed"
        )
        application_status_changed.connect(
            receivers.refresh_after_application, dispatch_uid="partners.application"
        )
        enrollment_completed.connect(
            receivers.refresh_after_enrollment, dispatch_uid="partners.enrollment"
        )
        hire_decided.connect(receivers.credit_hire, dispatch_uid="partners.hire")
