"""Job pages by audience: `public` (search, job page), `seeker` (apply, withdraw),
`employer` (an organization's own jobs), `staff` (review of postings).

GET never changes anything; bad input answers 400 with the reason, and nothing is saved.
"""
