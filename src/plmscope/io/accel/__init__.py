"""Reading ankle accelerometers: ActiGraph ``.gt3x``, Axivity ``.cwa``, GENEActiv ``.bin``
(through actfast), ActiLife RAW CSV and a tolerant generic CSV, into a Night of three-axis
acceleration in g per leg (:func:`read_accel_night`). :func:`accel_format` sniffs a file.
"""

from plmscope.io.accel.assemble import AccelInput, read_accel_night
from plmscope.io.accel.read import read_accel_file
from plmscope.io.accel.recording import AccelRecording
from plmscope.io.accel.sniff import accel_format

__all__ = ["AccelInput", "AccelRecording", "accel_format", "read_accel_file", "read_accel_night"]
