"""Digital samples of one channel, from the reader that fits the file.

Which path reads which file:

- EDF and EDF+ (EDF+C, EDF+D, truncated): edfio, opened with ``lazy_load_data=True``. edfio
  memory-maps the data records and decodes a channel only when it is asked for, so two legs of a
  20-channel night cost what two channels cost. edfio joins the records as if the recording were
  continuous; ``timeline.place_records`` then puts each record at its own onset (EDF+D gaps). A
  truncated file keeps its complete records; edfio's Python warnings are silenced because
  ``read_night`` says it once, in its own words.
- BDF and BDF+: the own memory-mapped reader (``edf_file.read_digital``), because edfio reads every
  BDF channel into memory when it opens the file (2.4 GB and 4.4 s for an 8 h night).
- An EDF that edfio refuses, or lays out differently from the own header parser (a damaged
  header-size or record-count field, a channel it takes for annotations): the own memory-mapped
  reader, which tolerates these, so a damaged file gives the same night as before.

Labels, units, calibration ranges and record onsets come from the own header parser in every case:
edfio decodes the whole header in one encoding (a Latin-1 µ and a UTF-8 µ cannot both come out
right) and does not expose each record's start time, which EDF+D gaps need.
"""

from __future__ import annotations

import warnings

import edfio
import numpy as np

from plmscope.io.edf_file import Channel, RecordFile, read_digital


def open_lazy_edf(rf: RecordFile) -> edfio.Edf | None:
    """edfio's lazy view of an EDF's data records, or None where the memmap reader is used."""
    if rf.fmt != "EDF":
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # truncation: read_night words its own warning
            edf = edfio.read_edf(rf.path, lazy_load_data=True)
        return edf if same_layout(edf, rf) else None
    except (ValueError, OSError, ArithmeticError):  # a header field edfio cannot parse
        return None


def same_layout(edf: edfio.Edf, rf: RecordFile) -> bool:
    """True when edfio sees the records the own parser sees (otherwise its samples would shift)."""
    ordinary = [c.samples_per_record for c in rf.channels if not c.is_annotation]
    return (
        edf.bytes_in_header_record == 256 * (len(rf.channels) + 1)
        and edf.num_data_records >= rf.n_records
        and [s.samples_per_data_record for s in edf.signals] == ordinary
    )


def digital_samples(rf: RecordFile, edf: edfio.Edf | None, channel: Channel) -> np.ndarray:
    """Digital samples of one channel, shape (n_records, samples per record): edfio or memmap."""
    if edf is None:
        return read_digital(rf, channel)
    index = [c for c in rf.channels if not c.is_annotation].index(channel)
    n_samples = rf.n_records * channel.samples_per_record  # records beyond the declared count out
    digital = edf.signals[index].digital[:n_samples]
    return digital.reshape(rf.n_records, channel.samples_per_record)
