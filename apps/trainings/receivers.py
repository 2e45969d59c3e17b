"""What trainings does when a lower app's domain event arrives (connected in apps.py)."""

from apps.accounts.models import Organization

from . import services


def provider_approved(sender, *, organization_id: int, kind: str, **kwargs) -> None:
    """accounts' `organization_approved`: a provider's published classes become visible."""
    if kind == Organization.Kind.PROVIDER:
        services.announce_provider_cohorts(provider_id=organization_id)
