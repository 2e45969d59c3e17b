from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "apps.goals"
    label = "goals"
    verbose_name = _("Goals and progress")

    def ready(self):
        from apps.employers.signals import hire_decided

        from .receivers import on_hire_decided

        hire_decided.connect(on_hire_decided, dispatch_uid="goals.on_hire_decided")
