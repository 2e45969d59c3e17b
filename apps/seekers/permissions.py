"""Who may open the job seeker's pages: the seeker, and only their own rows.

- Anonymous visitors go to the login page; other roles get 403 (`role_required`).
- Another seeker's rows answer 404: every lookup is scoped to the signed-in user (the
  owner-scoped lookups are in `selectors`).
"""

from apps.accounts.models import Role
from apps.accounts.permissions import role_required

seeker_required = role_required(Role.SEEKER)
