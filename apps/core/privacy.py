"""A person's own data: the pieces each app uses to export it and to erase it.

Each app that holds personal data has a `privacy.py` module with a `PART` (a `PrivacyPart`):
what it puts in the person's archive, what erasing the account does to its rows, and the
fields pointing at a person that it keeps as they are, with the reason. apps/portal/privacy.py
runs every part; tests/portal/test_privacy_coverage.py fails when a field pointing at the user
model, or a file field, is named by no part.

An erased account stays as an anonymous, locked row (no name, email or password) so that the
records counting toward the goal keep their person: one person still counts once. A label
stored for an erased person (audit entries, a partner's referral) reads "erased:<key>";
`shown()` turns it into words in the reader's language.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.utils.translation import gettext as _

ERASED_MARK = "erased:"
COPY_CHUNK = 1024 * 1024  # files are copied into the archive a megabyte at a time


def erased_label(key: str) -> str:
    """What is stored in place of an erased person's name."""
    return f"{ERASED_MARK}{key}"


def shown(label: str) -> str:
    """A stored person label as words: an erased person's label in the reader's language."""
    if label.startswith(ERASED_MARK):
        return _("Erased person %(key)s") % {"key": label.removeprefix(ERASED_MARK)}
    return label


def field_key(model: type[Model], name: str) -> str:
    """ "app_label.Model.field", checked against the model (a typo fails at import)."""
    model._meta.get_field(name)
    return f"{model._meta.label}.{name}"


class ExportArchive:
    """The zip a person downloads: `data.json` (sections filled by each app) and their files.

    Written into a file the caller gives (a temporary file): files are copied in chunks,
    and nothing is held in memory but the JSON sections, which are small.
    """

    def __init__(self, fileobj):
        self._zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED)
        self.data: dict[str, Any] = {}
        self._names: set[str] = set()

    def section(self, name: str, value) -> None:
        if name in self.data:
            raise ValueError(f"section {name!r} written twice")
        self.data[name] = value

    def add_file(self, *, folder: str, name: str, field_file) -> str | None:
        """Copy a stored file into `files/<folder>/<name>`; returns its path in the archive,
        or None when the file is not in storage."""
        if not field_file or not field_file.name:
            return None
        path = self._unique(f"files/{folder}/{_clean(name)}")
        try:
            source = field_file.storage.open(field_file.name, "rb")
        except (FileNotFoundError, OSError):
            return None
        with source, self._zip.open(path, "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, COPY_CHUNK)
        return path

    def add_text(self, path: str, text: str) -> None:
        self._zip.writestr(self._unique(path), text)

    def close(self) -> None:
        with (
            self._zip.open(self._unique("data.json"), "w") as raw,
            io.TextIOWrapper(raw, encoding="utf-8") as text,
        ):
            json.dump(self.data, text, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        self._zip.close()

    def _unique(self, path: str) -> str:
        stem, dot, ext = path.rpartition(".")
        if not dot or "/" in ext:
            stem, dot, ext = path, "", ""
        candidate, n = path, 2
        while candidate in self._names:
            candidate = f"{stem}-{n}{dot}{ext}"
            n += 1
        self._names.add(candidate)
        return candidate


def _clean(name: str) -> str:
    """A file name safe inside a zip: no folders, no control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".")
    return name[-120:] or "file"


@dataclass
class Erasure:
    """One account being erased: what every part needs, and the files to remove from storage
    once the transaction commits (a rollback must not lose files still referenced)."""

    user: Any
    key: str  # the account's anonymous key, random
    actor: Any  # who asked: the person, or the staff member acting on their request
    files: list[tuple[Any, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """What is stored in place of the person's name: "erased:<key>"."""
        return erased_label(self.key)

    def delete_file(self, field_file) -> None:
        if field_file and field_file.name:
            self.files.append((field_file.storage, field_file.name))


@dataclass(frozen=True)
class PrivacyPart:
    """One app's share of a person's data.

    `fields`: every field of the app pointing at the user (directly, "app.Model.field"), with
    what export and erasure do with it. `exempt`: such fields left as they are, with the
    reason. `files`: the app's file fields holding personal files, and how they go.
    `export(user, archive)` adds sections and files; `erase(erasure)` removes or anonymizes
    the app's rows. Parts run top layer first, so an upper app reads what it must keep
    (goals) before a lower one deletes it.
    """

    app: str
    export: Callable[[Any, ExportArchive], None]
    erase: Callable[[Erasure], None]
    fields: dict[str, str] = field(default_factory=dict)
    exempt: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
