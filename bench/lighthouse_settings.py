"""Production settings with the static files collected into the benchmark's own folder
(bench/lighthouse.py sets BENCH_STATIC_ROOT)."""

import os
from pathlib import Path

from techhire.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
