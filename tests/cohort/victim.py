"""Installed on the workers of a test cluster: the first time a chosen night starts, its worker
says its process id (a marker file) and stalls, so the test can kill it mid-night.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def stall_on(victim: str, marker: str) -> None:
    """Wrap the per-night task's ``score`` on this worker: stall on ``victim``, once."""
    import plmscope.cohort.task as task

    original = task.score

    def score(data, **options):
        flag = Path(marker)
        if victim in str(data) and not flag.exists():
            part = flag.with_suffix(".part")
            part.write_text(str(os.getpid()))
            part.rename(flag)
            time.sleep(300)  # far longer than the test waits: only a kill ends it
        return original(data, **options)

    task.score = score
