"""``esgtext repair``: a thin wrapper over :func:`esgtext.repair.repair_bytes`."""

from __future__ import annotations

import json
import os
import sys
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from esgtext.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, TEXT_EXIT_CODES_HELP, run_command
from esgtext.cli import error as _error
from esgtext.cli import warn_unknown_kinds

if TYPE_CHECKING:
    from esgtext.repair import RepairConfig


REPAIR_HELP_EPILOG = (
    """\b
Damage it repairs (the kind shown by --explain and --json):
  mojibake           UTF-8 read as cp1252/Latin-1: "mÃ©daille" -> "médaille"
  html_entity        entities left in text: "&eacute;t&eacute;" -> "été"
  control_char       invisible control characters and terminal escapes
  decomposed_accent  "e" + combining accent -> "é"
  question_mark      "C?te d'Ivoire" -> "Côte d'Ivoire" (any Latin text)
  deleted_accent     French "la mdaille" -> "la médaille" (French only)
  stripped_accent    French "la medaille" -> "la médaille" (French only)
  deleted_apostrophe French "lenvironnement" -> "l’environnement"
  inserted_word      French vanished "à": "grâce  la" -> "grâce à la"
  no_break_space     French vanished no-break space: "20ans" -> "20 ans"
  deleted_symbol     French vanished symbols: "n4" -> "n°4", a list's bullet "•",
                     the dash of a dateline or a contact line, "1,20 € par action",
                     "1,5 °C"; with French typography, the guillemets « »
  sentence_space     glued sentences split: "sociales.Aujourd'hui" -> "sociales. Aujourd'hui"
Files may be UTF-8 (with or without BOM), UTF-16, cp1252 or GB18030: the
encoding is detected. Curly quotes, full-width CJK punctuation and line
breaks are kept; English and Chinese (--lang en/zh) keep their accents as is;
web and e-mail addresses and file names are never changed. Output is UTF-8.

\b
Examples:
  esgtext repair release.txt                 repaired text on stdout
  esgtext repair release.txt -o fixed.txt    ... into a file
  cat release.txt | esgtext repair --lang fr
  esgtext repair inbox/ -o fixed/ --explain  a folder (.txt, .md, .html, .pdf, .docx,
                                             recursively), mirrored into fixed/ (a .pdf or
                                             .docx as <name>.txt), edits on stderr
  esgtext repair inbox/                      several files to stdout, each after a
                                             "==> path <==" line (as segment and head do)
  esgtext repair release.txt --json          text, encoding and edits as JSON

\b
Errors are one line each on stderr: "esgtext: error: <path>: <reason>"
(binary file, unreadable, missing, a PDF without a text layer); the other
inputs are still repaired.
"""
    + TEXT_EXIT_CODES_HELP
)


@dataclass(frozen=True, slots=True)
class _Job:
    source: Path | None  # None: stdin
    shown: str  # the path as shown in messages
    relative: Path  # where it goes under OUT in directory mode


@click.command("repair", epilog=REPAIR_HELP_EPILOG)
@click.argument("paths", nargs=-1, metavar="[PATH...|-]")
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(),
    help="Write here instead of stdout. A directory when there are several inputs or a directory input.",
)
@click.option("--lang", type=click.Choice(["fr", "en", "zh"]), help="Language of the text (default: detect French).")
@click.option("--encoding", help="Force the input encoding (default: detect).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input: path, encoding, text, edits.")
@click.option("--explain", is_flag=True, help="Print every edit to stderr as path:line:col  before → after  (kind, …).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symlinks inside a folder that point outside it (default: skipped, with a warning).")
@click.option("--french-typography/--no-french-typography", default=None,
              help="French that lost its non-ASCII characters also gets back what French typography has "
                   "and many news sites omit: the no-break space before : ; ! ?, the thousands space of a "
                   "four-digit count (1 200 salariés), the guillemets of a quotation (« … », a déclaré X). "
                   "Default: only in a document that reads as a press release typed in a word "
                   "processor's French mode (a dateline, a press contact, \"À propos de\", no straight "
                   "apostrophes); in one that reads as a conversation (questions, \"je\", \"tu\", "
                   "\"vous\"), only the space before : ; ! ?.")
def repair(
    paths: tuple[str, ...], out: str | None, lang: str | None, encoding: str | None, as_json: bool, explain: bool,
    follow_symlinks: bool = False, french_typography: bool | None = None,
) -> None:
    """Repair encodings, mojibake, HTML entities and lost French accents.

    PATH is a file, a directory (its .txt, .md, .html, .pdf and .docx files, recursively; HTML
    is repaired as its article text, PDF and Word as their text, as translate reads them) or -
    for stdin (the default). The repaired text goes to stdout, or to OUT.
    """
    run_command(lambda: run_repair(paths, out, lang=lang, encoding=encoding, as_json=as_json,
                                   explain=explain, follow_symlinks=follow_symlinks,
                                   french_typography=french_typography))


def run_repair(
    paths: tuple[str, ...] | list[str],
    out: str | None = None,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    as_json: bool = False,
    explain: bool = False,
    follow_symlinks: bool = False,
    french_typography: bool | None = None,
) -> int:
    """Repair every input and write the results; return the exit code (see ``esgtext --help``)."""
    from esgtext.repair import RepairConfig, UndecodableInput

    from esgtext.errors import EsgtextError, InputError, OutputError, reraise_interrupt
    from esgtext.documents import is_document
    from esgtext.inputs import atomic_write, output_path, read_input

    failed = False
    config = RepairConfig(french_typography="auto" if french_typography is None else french_typography)
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            _error("-", "no input: give a PATH, or pipe text to stdin")
            return EXIT_USAGE
        paths = ("-",)
    out_path = Path(out) if out else None
    jobs, directory_input, usage_error, unknown = _collect_jobs(paths, out_path, follow_symlinks)
    to_directory = out_path is not None and (len(paths) > 1 or directory_input or out_path.is_dir())
    if to_directory and out_path.exists() and not out_path.is_dir():
        _error(str(out_path), "is a file; with several inputs or a directory, -o must be a directory")
        return EXIT_USAGE
    for folder, skipped in unknown:  # (after the usage errors, which are one line)
        warn_unknown_kinds(folder, skipped)
    seen: set[Path] = set()
    single_out = None
    stdout = _binary(sys.stdout)
    headers = out_path is None and not as_json and len(jobs) > 1  # "==> path <==" as segment does
    first = True
    for job in jobs:
        try:
            data = _binary(sys.stdin).read() if job.source is None else read_input(job.source)
            result = _repair_input(data, job.shown, lang=lang, encoding=encoding, config=config)
        except (UndecodableInput, InputError) as exc:
            _error(job.shown, str(exc))
            failed = True
            continue
        except OSError as exc:
            _error(job.shown, exc.strerror or str(exc))
            failed = True
            continue
        except Exception as exc:  # a bug must not hide the other files' results behind a traceback
            reraise_interrupt(exc)
            _error(job.shown, f"internal error: {type(exc).__name__}: {exc}".splitlines()[0])
            failed = True
            continue
        for warning in result.warnings:
            click.echo(f"esgtext: warning: {job.shown}: {warning}", err=True)
        if explain:
            for line in explain_lines(job.shown, result):
                click.echo(line, err=True)
        payload = _render(job, result, as_json)
        try:
            if out_path is None:
                if headers:
                    if payload and not payload.endswith(b"\n"):
                        payload += b"\n"
                    shown = job.shown.replace("\n", " ")
                    payload = ("" if first else "\n").encode() + f"==> {shown} <==\n".encode() + payload
                    first = False
                stdout.write(payload)
                stdout.flush()
            elif to_directory:
                relative = job.relative
                if is_document(relative.name) and not as_json:  # its text, not a PDF or Word file
                    relative = relative.with_name(relative.name + ".txt")
                if as_json:
                    relative = relative.with_name(relative.name + ".json")
                target = out_path / relative
                if target in seen:
                    _error(job.shown, f"another input was already written to {target}")
                    failed = True
                    continue
                seen.add(target)
                # never through a symlinked folder or file inside OUT
                atomic_write(output_path(out_path, relative), payload)
            else:
                if single_out is None:
                    if out_path.is_symlink():
                        raise OutputError(f"{out_path}: is a symlink; outputs are never written through one")
                    out_path.parent.mkdir(parents=True, exist_ok=True)
                    single_out = _open_no_follow(out_path)
                single_out.write(payload)
        except EsgtextError as exc:
            _error(job.shown, f"cannot write: {exc}")
            failed = True
        except OSError as exc:
            _error(str(out_path or "-"), f"cannot write: {exc.strerror or exc}")
            failed = True
    if single_out is not None:
        single_out.close()
    if usage_error:
        return EXIT_USAGE
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _binary(stream):
    """The byte stream under a text stream (output is always UTF-8, whatever the locale)."""
    return getattr(stream, "buffer", stream)


def _repair_input(data: bytes, name: str, *, lang: str | None, encoding: str | None,
                  config: RepairConfig | None = None):
    """``repair_bytes``; for an ``.html``/``.htm`` file, the article text is repaired (what
    ``translate`` reads), not the raw markup; for a ``.pdf``/``.docx`` file (or PDF/Word bytes
    on stdin), its text (``InputError`` for a PDF without a text layer)."""
    from dataclasses import replace

    from esgtext.documents import extract_document, is_document, sniff_document
    from esgtext.html import HTML_SUFFIXES, extract_article
    from esgtext.repair import DEFAULT_CONFIG, repair_bytes, repair_text
    from esgtext.repair.decode import decode_bytes

    config = config or DEFAULT_CONFIG

    kind = name if is_document(name) else (sniff_document(data) if name == "-" else None)
    if kind is not None and encoding is None:
        extracted = extract_document(data, kind)
        result = repair_text(extracted.text, lang=lang, config=config)
        return replace(result, encoding=None, warnings=extracted.warnings + result.warnings)
    if not name.lower().endswith(HTML_SUFFIXES):
        return repair_bytes(data, lang=lang, encoding=encoding, config=config)
    decoded = decode_bytes(data, encoding)
    result = repair_text(extract_article(decoded.text).text, lang=lang, config=config)
    return replace(result, encoding=decoded.encoding, undecodable_bytes=decoded.undecodable_bytes,
                   warnings=decoded.warnings + result.warnings)


def _open_no_follow(path: Path):
    """``open(path, "wb")`` that refuses a symlink put there meanwhile (``O_NOFOLLOW``)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    return os.fdopen(os.open(path, flags, 0o666), "wb")


def _collect_jobs(paths, out_path: Path | None, follow_symlinks: bool):
    """(jobs, whether a folder was given, whether a path is missing, [(folder, files of unknown
    kinds)]) for the paths of the command line."""
    from esgtext.inputs import INPUT_KINDS, find_inputs

    jobs: list[_Job] = []
    directory_input = usage_error = False
    unknown = []
    for arg in paths:
        if arg == "-":
            jobs.append(_Job(None, "-", Path("stdin.txt")))
            continue
        path = Path(arg)
        if path.is_dir():
            directory_input = True
            found = find_inputs([path], out=out_path, follow_symlinks=follow_symlinks,
                                prefix_folders=len(paths) > 1)
            _warn_skipped_symlinks(found.skipped_symlinks)
            unknown.append((arg, found.skipped_unknown))
            if not found.files:
                click.echo(f"esgtext: warning: {arg}: no {INPUT_KINDS} files", err=True)
            jobs.extend(_Job(f.path, str(f.path), Path(f.rel)) for f in found.files)
        elif os.path.exists(path):  # a file, or a FIFO/device: refused, unopened, when read
            jobs.append(_Job(path, arg, Path(path.name)))
        else:
            _error(arg, "no such file or directory")
            usage_error = True
    return jobs, directory_input, usage_error, unknown


def _warn_skipped_symlinks(skipped) -> None:
    for link, folder in skipped:
        click.echo(f"esgtext: warning: {link}: symlink to outside {folder}, not read "
                   f"(--follow-symlinks to read it)", err=True)


def _render(job: _Job, result, as_json: bool) -> bytes:
    if not as_json:
        return result.text.encode("utf-8")
    locate = _locator(result.original)
    edits = []
    for edit in result.edits:
        line, col = locate(edit.start)
        edits.append({**edit.to_dict(), "line": line, "col": col})
    record = {"path": job.shown, **result.to_dict(), "edits": edits}
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def _locator(text: str):
    """A function mapping a character offset to a 1-based (line, column)."""
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)

    def locate(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    return locate


def explain_lines(shown: str, result) -> list[str]:
    """``path:line:col  before → after  (kind, confidence: reason)`` for every edit.

    >>> from esgtext.repair import repair_text
    >>> explain_lines("a.txt", repair_text("ok\\nla mÃ©daille", lang="en"))[0]
    'a.txt:2:4  mÃ©daille → médaille  (mojibake, 1.00: text decoded with the wrong encoding (ftfy: encode latin-1, decode utf-8))'
    """
    locate = _locator(result.original)
    lines = []
    for edit in result.edits:
        line, col = locate(edit.start)
        lines.append(
            f"{shown}:{line}:{col}  {_visible(edit.before)} → {_visible(edit.after)}  "
            f"({edit.kind}, {edit.confidence:.2f}: {edit.reason})"
        )
    return lines


def _visible(text: str) -> str:
    """Show empty strings and invisible characters unambiguously in one line."""
    if not text:
        return "∅"
    if text.isprintable() and text.strip() == text:
        return text
    return json.dumps(text, ensure_ascii=False)
