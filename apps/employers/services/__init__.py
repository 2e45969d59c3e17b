"""Writes for employers, one module per aggregate: `jobs`, `applications`, `pledges`,
`hires`, `reminders` (beat), and `pay` (the pay limits jobs and hires share). Import a function
from the module that owns it; this package re-exports nothing."""
