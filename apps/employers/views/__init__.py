"""Employers views: `jobs/` by audience (`public` search and job page, `seeker` applying,
`employer` own jobs, `staff` review), `pipeline` (applicants), `hires` (pledges, hires,
verification)."""
