"""Employers views: `jobs` (posting, review, search, applying), `pipeline` (applicants),
`hires` (pledges, hires, verification)."""
