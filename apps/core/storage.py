"""Private files (resumes, applications' copies of them): never served by the web server, only
by views that check permission. The backend is `settings.STORAGES["private"]`."""

from django.core.files.storage import Storage, storages


class PrivateStorage(Storage):
    """`settings.STORAGES["private"]`, looked up each time a file is read or written.

    A FileField calls its storage callable once, when models load, and keeps what it
    returns; returning the backend itself would freeze the settings of that moment. This
    stand-in forwards every attribute to the backend configured now, so an override of
    STORAGES (a test's `settings` fixture, `override_settings`) reaches the field. Django
    keeps the backends in `storages` (and empties it when STORAGES is overridden), so each
    lookup is a dictionary read.
    """

    def __getattribute__(self, name):
        if name.startswith("__"):
            return super().__getattribute__(name)
        return getattr(storages["private"], name)


_private_storage = PrivateStorage()


def private_storage():
    """The `storage=` of private files (resumes, applications' copies of them)."""
    return _private_storage
