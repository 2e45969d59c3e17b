# The real-worker fixtures of the notifications tests (a Celery worker in a subprocess
# against the test database, a Redis broker of its own, an SMTP sink).
from tests.notifications.conftest import holding_sink, start_worker, worker_broker  # noqa: F401
