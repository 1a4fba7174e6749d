"""The ``esgtext`` command line: thin click wrappers over the library.

Each command lives in its own module of this package and is registered on :func:`main` below.

Exit codes (the same for every command):
  0  success
  1  some inputs failed (listed on stderr, or in OUT/.esgtext/errors.jsonl for ``translate``)
  2  usage error (bad option, missing file, ...)
  3  a required model is missing (run ``esgtext models pull``), or the engine's extra
     (``pip install 'esgtext[transformers]'``)
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Callable, NoReturn

import click

from esgtext._version import __version__
from esgtext.errors import (
    EXIT_INTERRUPTED,
    EXIT_MODEL_MISSING,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    EsgtextError,
)

INTERRUPTED = "esgtext: interrupted"

EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    some inputs failed (listed on stderr / in OUT/.esgtext/errors.jsonl)
  2    usage error (bad option, missing file)
  3    a model or the engine's extra is missing (see `esgtext models pull`)
  130  interrupted
"""

#: The exit codes of the commands that read inputs and never translate (repair, detect,
#: segment): no model, no errors.jsonl.
TEXT_EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    some inputs failed (each named on stderr)
  2    usage error (bad option, missing file)
  130  interrupted
"""

# name -> "module:attribute"; imported lazily so that `esgtext repair` never pays for torch.
_COMMANDS = {
    "repair": "esgtext.cli.repair:repair",
    "detect": "esgtext.cli.detect:detect",
    "segment": "esgtext.cli.detect:segment_cmd",
    "translate": "esgtext.cli.translate:translate",
    "models": "esgtext.cli.models:models",
    "serve": "esgtext.cli.serve:serve",
    "report": "esgtext.cli.serve:report",
}


_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2


class LazyGroup(click.Group):
    """A click group whose subcommands are imported only when used (fast start-up)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = _COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet
                return None
            raise
        return getattr(module, attr)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's ``main``, with every usage error one line, ``esgtext: error: <what> (see
        'esgtext <command> --help')``, exit code 2 (click prints four: usage, hint, blank line,
        error); other click errors are one line too, with their own code."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as exc:  # a group without its command: its help, as click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            path = exc.ctx.command_path if exc.ctx is not None else "esgtext"
            error(f"{' '.join(exc.format_message().split())} (see '{path} --help')")
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            error(" ".join(exc.format_message().split()))
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(INTERRUPTED, err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"esgtext {__version__}")
    ctx.exit()


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version,
              help="Show the version and exit.")
def main() -> None:
    """esgtext: clean multilingual press releases into English with aligned bilingual records.

    \b
    Typical use:
      esgtext repair release.txt            fix encodings, mojibake and lost French accents
      esgtext detect release.txt            language of a file and of its mixed spans
      esgtext translate inbox/ -o out/      bilingual records for a folder (JSONL, TMX, Moses)
      esgtext models pull                   download the OPUS-MT models once
    """


# ---------------------------------------------------------------------------------------------
# Errors and exit codes: the one place where exceptions become lines and codes.


def error(shown: str, reason: str | None = None) -> None:
    """``esgtext: error: <shown>: <reason>`` (or ``esgtext: error: <shown>``) on stderr."""
    click.echo(f"esgtext: error: {shown}: {reason}" if reason is not None else f"esgtext: error: {shown}",
               err=True)


def warning(shown: str, reason: str | None = None) -> None:
    click.echo(f"esgtext: warning: {shown}: {reason}" if reason is not None else f"esgtext: warning: {shown}",
               err=True)


def warn_unknown_kinds(folder: str, skipped) -> None:
    """One warning line for the files of unknown kinds a folder held (``repair``, ``detect``,
    ``segment``; ``translate`` counts them in its summary)."""
    if skipped:
        names = ", ".join(str(p) for p in skipped[:3]) + (", ..." if len(skipped) > 3 else "")
        count = f"{len(skipped)} file{'s' if len(skipped) != 1 else ''}"
        warning(folder, f"skipped {count} of unknown kinds ({names})")


def exit_code_for(exc: BaseException) -> int:
    """The documented exit code of an exception that ends a command (see the module docstring)."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, EsgtextError):
        return exc.exit_code
    return EXIT_SOME_FAILED


def run_command(run: Callable[[], int], *, interrupted: str = INTERRUPTED,
                broken_pipe_code: int = EXIT_SOME_FAILED) -> NoReturn:
    """Run a command body that returns its exit code, and exit with it.

    An :class:`~esgtext.errors.EsgtextError` that escapes becomes its one line and its
    ``exit_code``; Ctrl-C becomes ``interrupted`` and 130; a reader that left a pipe (``esgtext
    repair big.txt | head``) ends the command quietly, like ``cat``, with ``broken_pipe_code``.
    """
    try:
        code = run()
    except KeyboardInterrupt as exc:
        click.echo(interrupted, err=True)
        code = exit_code_for(exc)
    except EsgtextError as exc:
        error(str(exc))
        code = exit_code_for(exc)
    except BrokenPipeError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):  # no real stdout (click's test runner)
            pass
        code = broken_pipe_code
    sys.exit(code)
