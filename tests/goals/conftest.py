# The real-worker fixtures (a Redis broker of their own, worker processes) are the
# notifications tests'; the goals' worker test uses them as they are.
from tests.notifications.conftest import holding_sink, start_worker, worker_broker  # noqa: F401
