"""Errors that are the user's to fix: the CLI prints them as one line and exits with code 2."""


class PlmscopeInputError(Exception):
    """Bad input (a file, a channel, an option). The message names the file and what is wrong."""

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)
