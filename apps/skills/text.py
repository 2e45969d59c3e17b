"""Folding lives in the ground layer (apps/core/text.py) so the search helpers share it."""

from apps.core.text import fold

__all__ = ["fold"]
