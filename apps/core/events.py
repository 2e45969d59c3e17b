"""Domain events: how a lower app lets upper ones react without importing them.

Each app declares its events as Django signals in its own ``signals.py`` and sends them from
its services with :func:`send_on_commit`, so a listener runs only once the change it hears
about is committed, and never for a change that was rolled back. Listeners connect in their
app's ``AppConfig.ready()``. The events and their arguments are listed in the README
("Domain events").
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal


def send_on_commit(signal: Signal, *, sender: type, **kwargs) -> None:
    """Send ``signal`` after the current transaction commits (at once outside one).

    Keyword arguments must be plain values (IDs, status strings): a listener reloads what it
    needs, since it may run in another transaction or, through a task, another process.
    """
    transaction.on_commit(partial(signal.send, sender=sender, **kwargs))
