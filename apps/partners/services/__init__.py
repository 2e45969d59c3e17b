"""Writes of the partners app, one module per aggregate: referrals, imports, events."""
