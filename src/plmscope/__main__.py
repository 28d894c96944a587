"""``python -m plmscope`` runs the command line."""

from plmscope.cli import entry

entry()
