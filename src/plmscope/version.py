"""The installed version of plmscope (``0.0.0+unknown`` when run from a bare source tree)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("plmscope")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+unknown"
