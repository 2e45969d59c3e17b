from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "apps.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self):
        # Receivers enqueue tasks, which use models: loaded only once apps are ready.
        from apps.employers import search_orders
        from apps.employers.signals import job_closed, job_published
        from apps.trainings.signals import cohort_published

        from . import permissions, receivers, selectors

        job_published.connect(receivers.job_published, dispatch_uid="matching.job_published")
        job_closed.connect(receivers.job_closed, dispatch_uid="matching.job_closed")
        cohort_published.connect(
            receivers.cohort_published, dispatch_uid="matching.cohort_published"
        )
        # The job search's "Best match for you" order, for job seekers with skills (employers
        # declares the hook and never imports matching).
        search_orders.add_order(
            search_orders.SearchOrder(
                value="fit",
                label=_("Best match for you"),
                offered_to=permissions.can_sort_by_fit,
                order=selectors.best_match_order,
                note_template="matching/_fit_note.html",
            )
        )
