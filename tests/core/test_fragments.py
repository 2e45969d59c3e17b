"""core.fragments and core.cached: what is cached is rendered or computed once."""

from datetime import UTC, datetime

from django.utils import translation

from apps.core.cached import read_through, schedule_once
from apps.core.fragments import cached_fragments, fragment_key


def test_only_missing_fragments_are_rendered():
    rendered = []

    def render(ids):
        rendered.append(ids)
        return {pk: f"<li>{pk}</li>" for pk in ids}

    keys = {pk: fragment_key("row", pk) for pk in (1, 2, 3)}
    assert cached_fragments({1: keys[1]}, render) == {1: "<li>1</li>"}
    assert cached_fragments(keys, render) == {pk: f"<li>{pk}</li>" for pk in (1, 2, 3)}
    assert rendered == [[1], [2, 3]]


def test_keys_change_with_language_and_time_and_hold_no_spaces():
    moment = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    english = fragment_key("row", 1, moment)
    with translation.override("es"):
        spanish = fragment_key("row", 1, moment)
    assert english != spanish and " " not in english
    assert fragment_key("row", 1, moment.replace(second=1)) != english


def test_read_through_computes_once():
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert read_through("test:value", compute) == {"n": 1}
    assert read_through("test:value", compute) == {"n": 1}


class Task:
    def __init__(self):
        self.runs = 0

    def apply_async(self, countdown):
        self.runs += 1


def test_schedule_once_enqueues_one_run_per_burst():
    task = Task()
    assert schedule_once("test:flag", task, countdown=5)
    assert not schedule_once("test:flag", task, countdown=5)
    assert task.runs == 1
