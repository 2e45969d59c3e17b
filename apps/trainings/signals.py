"""Domain events of trainings (see apps/core/events.py and the README's "Domain events")."""

from django.dispatch import Signal

# A cohort became visible to the public (its program and provider can publish).
# kwargs: cohort_id (int), program_id (int).
cohort_published = Signal()

# A seeker completed a class. kwargs: enrollment_id (int), seeker_id (int: the user),
# cohort_id (int), credential_earned (bool).
enrollment_completed = Signal()
