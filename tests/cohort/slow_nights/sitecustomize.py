"""On the PYTHONPATH of a test's batch process (and so of its Dask workers): every night takes
at least ``PLMSCOPE_TEST_NIGHT_S`` seconds on its worker, so that the test can stop the batch
mid-way however fast scoring has become.
"""

import os
import time

DELAY_S = float(os.environ.get("PLMSCOPE_TEST_NIGHT_S") or 0)

if DELAY_S > 0:
    import plmscope.cohort.task as task

    _score = task.score

    def score(data, **options):
        started = time.monotonic()
        result = _score(data, **options)
        time.sleep(max(0.0, DELAY_S - (time.monotonic() - started)))
        return result

    task.score = score
