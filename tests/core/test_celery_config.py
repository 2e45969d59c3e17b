"""The Celery reliability settings DESIGN.md asks for, as the app really sees them."""

from django.conf import settings

from techhire.celery import app

app.loader.import_default_modules()


def test_reliability_settings():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit and conf.task_time_limit
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.result_serializer == "json"


def test_retry_delays_stay_well_under_the_visibility_timeout():
    half_visibility = app.conf.broker_transport_options["visibility_timeout"] / 2
    assert app.conf.task_default_retry_delay < half_visibility
    backoff_max = settings.TASK_RETRY_BACKOFF_MAX
    assert backoff_max < half_visibility
    for name in app.tasks:
        retry_backoff_max = getattr(app.tasks[name], "retry_backoff_max", None)
        if retry_backoff_max is not None and getattr(app.tasks[name], "retry_backoff", False):
            assert retry_backoff_max <= backoff_max, name
    for name in ["notifications.deliver", "notifications.deliver_digest", "notifications.sweep"]:
        assert app.tasks[name].acks_late is True, name
        assert app.tasks[name].reject_on_worker_lost is True, name
    assert app.conf.task_time_limit < half_visibility


def test_tasks_are_registered_by_name():
    for name in [
        "notifications.deliver",
        "notifications.deliver_digest",
        "notifications.send_digests",
        "notifications.sweep",
    ]:
        assert name in app.tasks


def test_broker_is_redis_in_tests():
    assert app.conf.broker_url.startswith("redis://")


def test_the_sending_lease_check_catches_a_short_lease(settings):
    from apps.notifications.checks import sending_lease_outlasts_tasks

    assert sending_lease_outlasts_tasks() == []
    settings.NOTIFICATION_SENDING_LEASE = settings.CELERY_TASK_TIME_LIMIT
    [error] = sending_lease_outlasts_tasks()
    assert error.id == "notifications.E001"
