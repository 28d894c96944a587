"""On the PYTHONPATH of a test's batch process (and so of its Dask workers): every night takes
at least ``PLMSCOPE_TEST_NIGHT_S`` seconds on its worker, so that the test can stop the batch
mid-way however fast scoring has become. Ctrl-C is Python's own, as in a terminal: a process
inherits an ignored SIGINT from its parent (a test runner's worker may ignore it), and the
batch would then never hear the test's Ctrl-C.
"""

import os
import signal
import time

DELAY_S = float(os.environ.get("PLMSCOPE_TEST_NIGHT_S") or 0)

if DELAY_S > 0:
    signal.signal(signal.SIGINT, signal.default_int_handler)  # the batch's workers ignore it again

    import plmscope.cohort.task as task

    _score = task.score

    def score(data, **options):
        started = time.monotonic()
        result = _score(data, **options)
        time.sleep(max(0.0, DELAY_S - (time.monotonic() - started)))
        return result

    task.score = score
