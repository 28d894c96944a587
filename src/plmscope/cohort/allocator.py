"""Keep large arrays in the worker's heap between nights (glibc ``mallopt``).

Scoring a night allocates and frees a few arrays of tens of MB. By default glibc maps each
array over 32 MB afresh from the system (and Dask's nanny sets ``MALLOC_TRIM_THRESHOLD_``, which
turns glibc's adaptive threshold off, so every array over 128 kB is), and pays a page fault per
4 kB page to fill it: measured here, a night took about twice as long in a Dask worker as in a
plain process. Serving arrays under 256 MB from the heap, and keeping up to 1 GB of it free
rather than handing it back, removes that cost; the worker's memory stays about its largest
night's. Elsewhere than glibc (macOS, musl) nothing is changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc <malloc.h>
MMAP_THRESHOLD_BYTES = 256 * 2**20
TRIM_THRESHOLD_BYTES = 2**30


@lru_cache(maxsize=1)
def keep_arrays_in_heap() -> bool:
    """Set glibc's mmap and trim thresholds once per process; True when they were set."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))
