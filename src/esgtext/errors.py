"""The errors esgtext raises for its users, each with the exit code the CLI maps it to.

Every error meant for a user derives from :class:`EsgtextError`: its message is one line (fit
to follow ``esgtext: error: <path>:``) and its :attr:`~EsgtextError.exit_code` is the one the
README documents. The CLI turns them into that line and that code in one place
(:func:`esgtext.cli.exit_code_for`); anything else that escapes is a bug.

    >>> InputError("special-file", "not a regular file (a FIFO); not read").exit_code
    1
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_MODEL_MISSING = 3
EXIT_INTERRUPTED = 130


class EsgtextError(Exception):
    """Base class of the errors esgtext reports to its users (one-line message)."""

    exit_code = EXIT_SOME_FAILED


class InputError(EsgtextError):
    """One input cannot be read: missing, unreadable, a special file, too large.

    ``kind`` is a short tag (``unreadable``, ``special-file``, ``too-large``, ``symlink``), as
    written in ``OUT/.esgtext/errors.jsonl``; the other inputs of a run are still processed.
    """

    exit_code = EXIT_SOME_FAILED

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


class UsageError(EsgtextError, ValueError):
    """A bad path or option: nothing was done (exit code 2)."""

    exit_code = EXIT_USAGE


class MissingExtra(EsgtextError):
    """An optional part of esgtext is not installed (``pip install 'esgtext[transformers]'``);
    exit code 3, like a missing model: the command cannot translate here."""

    exit_code = EXIT_MODEL_MISSING


class OutputError(EsgtextError):
    """An output cannot be written where it was asked (it would go through a symlink, ...)."""

    exit_code = EXIT_SOME_FAILED


def interrupted_by_user(exc: BaseException) -> bool:
    """Whether ``exc`` is, or was raised while handling, a ``KeyboardInterrupt``.

    Some libraries turn whatever happens inside them into their own error (langdetect's profile
    loader has a bare ``except:``), so Ctrl-C arrives as, e.g., ``LangDetectException``; the
    ``KeyboardInterrupt`` is still in its ``__context__``. Callers that survive a bad input by
    catching ``Exception`` use this to let an interrupt stop the run.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def reraise_interrupt(exc: BaseException) -> None:
    """Raise ``KeyboardInterrupt`` when ``exc`` hides one (see :func:`interrupted_by_user`)."""
    if interrupted_by_user(exc):
        raise KeyboardInterrupt from exc


__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_MODEL_MISSING",
    "EXIT_OK",
    "EXIT_SOME_FAILED",
    "EXIT_USAGE",
    "EsgtextError",
    "InputError",
    "MissingExtra",
    "OutputError",
    "UsageError",
    "interrupted_by_user",
    "reraise_interrupt",
]
