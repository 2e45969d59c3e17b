"""Domain events of accounts (see apps/core/events.py and the README's "Domain events")."""

from django.dispatch import Signal

# Staff approved an organization. kwargs: organization_id (int), kind (str: employer,
# provider, partner or board).
organization_approved = Signal()
