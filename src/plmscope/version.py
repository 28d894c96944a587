"""The version of plmscope: the one place it is written (pyproject.toml reads it from here).

A literal rather than a lookup in the installed metadata: that lookup (importlib.metadata)
costs more than a tenth of the command line's start-up.

>>> __version__.count(".") >= 2
True
"""

__version__ = "0.1.0"
