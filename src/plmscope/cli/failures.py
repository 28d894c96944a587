"""How a command ends when something goes wrong: one line, the right exit code, no traceback.

- A user's mistake (:class:`~plmscope.errors.PlmscopeInputError`: a bad file, option or path):
  ``error: <file>: <what is wrong>`` on stderr, exit code 2.
- Anything else is a bug in plmscope: one line saying so, with the version and the cause,
  exit code 1; the traceback only with ``plmscope --debug``.
- Ctrl-C: ``interrupted``, exit code 130. Outputs are written atomically, so nothing is half-written.
- The reader of the output went away (``plmscope validate --help | head``): nothing more is
  printed, exit code 1, as click (the parser underneath) does when the pipe closes earlier.

The handling sits in the command group, so it is the same under ``plmscope`` in a shell and
under ``typer.testing.CliRunner``.
"""

from __future__ import annotations

import sys
import traceback

import typer
from typer.core import TyperGroup

from plmscope.errors import PlmscopeInputError
from plmscope.version import __version__

#: Exit codes: a user's mistake, a bug, an interruption (128 + SIGINT), a closed pipe (click's).
EXIT_INPUT, EXIT_BUG, EXIT_INTERRUPTED, EXIT_PIPE = 2, 1, 130, 1


def stdout_gone() -> None:
    """Point standard output at /dev/null after its reader went away, so that the flush at exit
    does not fail a second time (the recipe of Python's ``signal`` documentation)."""
    import io
    import os

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):  # not a real file (a test runner)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def error_line(message: str) -> None:
    """``error: message`` on stderr, markup-safe, never wrapped into several lines."""
    from rich.console import Console
    from rich.markup import escape

    Console(stderr=True, soft_wrap=True).print(
        f"[bold red]error:[/bold red] {escape(message)}", highlight=False
    )


def bug_line(exc: BaseException) -> str:
    """The one line for an internal error: what happened, the version, where to report it."""
    cause = " ".join(str(exc).split())[:300] or "(no message)"
    return (
        f"internal error in plmscope {__version__}: {type(exc).__name__}: {cause}. "
        "This is a bug, please report it with this line and the command you ran "
        "('plmscope --debug ...' shows the traceback)"
    )


try:  # typer < 0.20 parses with click; later ones with their own copy of it
    from click.exceptions import ClickException as UsageProblem
except ImportError:  # pragma: no cover
    UsageProblem = typer.TyperException


class PlmscopeGroup(TyperGroup):
    """The ``plmscope`` command group: turns every failure into one line and an exit code."""

    def invoke(self, ctx: typer.Context):
        debug = bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, UsageProblem):  # the parser's own: usage errors, --help
            raise
        except PlmscopeInputError as exc:
            if debug:
                traceback.print_exc(file=sys.stderr)
            error_line(str(exc))
            raise typer.Exit(EXIT_INPUT) from None
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            stdout_gone()
            raise typer.Exit(EXIT_PIPE) from None
        except Exception as exc:  # anything else is plmscope's fault, not the user's
            if debug:
                traceback.print_exc(file=sys.stderr)
            error_line(bug_line(exc))
            raise typer.Exit(EXIT_BUG) from None
