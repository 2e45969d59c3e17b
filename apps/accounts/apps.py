from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organizations")

    def ready(self):
        from allauth.mfa.signals import authenticator_used

        from . import receivers

        authenticator_used.connect(receivers.remember_mfa_check, dispatch_uid="accounts-mfa")
