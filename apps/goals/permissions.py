"""Who may open the goals' pages. The dashboard and goal settings are staff-only and answer
404 to everyone else signed in (the pages don't exist for them); anonymous visitors are
sent to sign in. The public progress page and feed are open to all."""

from apps.accounts.permissions import hidden_staff_page

staff_only = hidden_staff_page
