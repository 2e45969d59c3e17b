"""Domain events of employers (see apps/core/events.py and the README's "Domain events")."""

from django.dispatch import Signal

# A job became visible to the public. kwargs: job_id (int).
job_published = Signal()

# A published job stopped being public: closed by the employer, expired, or sent back to
# review by an edit (it is published again, and `job_published` sent again, on approval).
# kwargs: job_id (int).
job_closed = Signal()

# An application moved. kwargs: application_id (int), seeker_id (int: the user), job_id (int),
# old_status (str or None for a new application), new_status (str).
application_status_changed = Signal()

# Staff verified or rejected a reported hire. kwargs: hire_id (int), status (str:
# "verified" or "rejected"), employer_id (int: the organization).
hire_decided = Signal()
