"""plmscope: leg movements during sleep — detect, score (WASM 2016 / AASM), explain."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("plmscope")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+unknown"
