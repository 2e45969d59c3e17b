"""Trainings views: `public` (catalog, program pages, applying) and `provider` (managing)."""
