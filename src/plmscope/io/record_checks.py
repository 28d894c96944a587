"""Header numbers checked against reason and the file's size before any signal is allocated.

A damaged header can make an honest-looking file ask for petabytes: a data-record duration of
``1e-9`` s turns 256 samples per record into a 256 GHz channel, and the recording clock (from
the EDF+ time-keeping) into trillions of samples. These checks run right after the header is
parsed, so such a file is one clear line, never an attempt to allocate the impossible.
"""

from __future__ import annotations

import numpy as np

from plmscope.errors import PlmscopeInputError
from plmscope.io.edf_file import RecordFile

#: Fastest sampling rate accepted for any channel (research EMG rarely exceeds 10 kHz).
MAX_SF_HZ = 65536.0
#: Most samples one channel may take in memory once placed on the recording clock (4 GiB float32).
MAX_CHANNEL_SAMPLES = 2**30


def check_sampling_rates(rf: RecordFile) -> None:
    """Every channel's rate (samples per record / record duration) must be a possible one.

    >>> from types import SimpleNamespace
    >>> from plmscope.io.edf_file import Channel
    >>> leg = Channel("Leg L", "uV", -500, 500, -32768, 32767, 256, 0)
    >>> rf = SimpleNamespace(path="n.edf", record_duration=1e-9, channels=(leg,),
    ...                      sampling_rate=lambda c: c.samples_per_record / 1e-9)
    >>> check_sampling_rates(rf)
    Traceback (most recent call last):
    ...
    plmscope.errors.PlmscopeInputError: n.edf: the header's data-record duration (1e-09 s) makes channel 'Leg L' 2.56e+11 Hz: the header is damaged (is the record duration in seconds?)
    """
    for channel in rf.channels:
        if channel.is_annotation or channel.samples_per_record == 0:
            continue
        sf = rf.sampling_rate(channel)
        if not (np.isfinite(sf) and sf <= MAX_SF_HZ):
            raise PlmscopeInputError(
                f"the header's data-record duration ({rf.record_duration:g} s) makes channel "
                f"{channel.label!r} {sf:.3g} Hz: the header is damaged (is the record duration in seconds?)",
                path=rf.path,
            )


def check_clock_size(rf: RecordFile, labels: list[str | None], duration: float) -> None:
    """The channels to read, placed on a clock of ``duration`` s, must fit in memory.

    Their samples in the file (``n_records`` x samples per record) are what the file's size
    allows; the clock adds only the EDF+D gaps, so a clock far beyond memory means the
    time-keeping or the header is damaged. ``None`` labels (no such channel) are skipped.
    """
    for label in filter(None, labels):
        channel = rf.channel(label)
        needed = duration * rf.sampling_rate(channel)
        if needed > MAX_CHANNEL_SAMPLES:
            stored = rf.n_records * channel.samples_per_record
            raise PlmscopeInputError(
                f"channel {label!r} would need {needed:.3g} samples on the recording clock "
                f"({duration / 3600:.1f} h at {rf.sampling_rate(channel):g} Hz) but the file holds "
                f"{stored} of them: the header or its time-keeping is damaged",
                path=rf.path,
            )
