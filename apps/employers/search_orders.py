"""Orders of the job search that apps above employers add, without employers importing them.

A hook in the manner of a domain event: declared here, filled by an upper app in its
`AppConfig.ready()` (matching adds "Best match for you" for job seekers: apps/matching/apps.py),
read by the search view (views/jobs/public.py). The search offers an order only to the
people its `offered_to` accepts; for anyone else its `sort` value is ignored like any
unknown one, so a shared address still works.

An order receives the search's results (their ids, newest or most relevant first, at most
`selectors.SEARCH_CAP`) and returns them in its own order, with a note for some of them
that each result card renders with the order's `note_template` (the note is the
template's `note`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Ordered:
    ids: list[int]
    notes: dict[int, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchOrder:
    value: str  # the `sort` parameter
    label: Any  # a lazily translated label
    offered_to: Callable[[Any], bool]  # user → whether the sort menu offers it
    order: Callable[[Any, list[int]], Ordered]  # user, result ids → the new order
    note_template: str = ""


_ORDERS: dict[str, SearchOrder] = {}


def add_order(order: SearchOrder) -> None:
    """Called once, from an upper app's ready(); adding the same value again replaces it."""
    _ORDERS[order.value] = order


def orders_offered_to(user) -> list[SearchOrder]:
    return [order for order in _ORDERS.values() if order.offered_to(user)]
