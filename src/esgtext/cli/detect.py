"""``esgtext detect`` and ``esgtext segment``: thin wrappers over :mod:`esgtext.language` and
:mod:`esgtext.segmentation`.

Inputs are read like ``esgtext repair`` reads them (encoding detection, mojibake and lost French
accents repaired) so that offsets and segments are those the translation pipeline sees;
``--no-repair`` only decodes, so that offsets are those of the file's own characters.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from esgtext.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, TEXT_EXIT_CODES_HELP, run_command
from esgtext.cli import error as _error
from esgtext.cli import warn_unknown_kinds

_SHOW_CHARS = 60  # span text shown in plain output (JSON has it whole)

DETECT_EPILOG = (
    """\b
Output, one block per input:
  PATH  LANG  CONFIDENCE
    START-END  LANG  "text of a span in another language"
Offsets are character offsets in the repaired text (in the decoded file
with --no-repair). --json writes one object per input with the main
language, its confidence, and every span in another language.

\b
Examples:
  esgtext detect release.txt
  esgtext detect inbox/ --json
  cat release.txt | esgtext detect -
"""
    + TEXT_EXIT_CODES_HELP
)

SEGMENT_EPILOG = (
    """\b
Output: one sentence per line, "PARAGRAPH<TAB>SENTENCE" (line breaks inside a
sentence shown as spaces); with several inputs each starts with "==> PATH <==".
--json writes one object per sentence: path, paragraph, start, end, text
(start/end: character offsets, text == document[start:end]).

\b
Examples:
  esgtext segment release.txt
  esgtext segment release.txt --lang fr --json
"""
    + TEXT_EXIT_CODES_HELP
)


@dataclass(frozen=True)
class _Input:
    source: Path | None  # None: stdin
    shown: str


class _InputError(Exception):
    """An input that cannot be read; its message is one line."""


def _collect(paths: tuple[str, ...], follow_symlinks: bool = False) -> tuple[list[_Input], bool]:
    """The inputs named by ``paths`` (folders: their .txt/.md files) and whether any was missing."""
    from esgtext.inputs import INPUT_KINDS, find_inputs

    inputs: list[_Input] = []
    missing = False
    for arg in paths:
        if arg == "-":
            inputs.append(_Input(None, "-"))
            continue
        path = Path(arg)
        if path.is_dir():
            found = find_inputs([path], follow_symlinks=follow_symlinks)
            for link, folder in found.skipped_symlinks:
                click.echo(f"esgtext: warning: {link}: symlink to outside {folder}, not read "
                           f"(--follow-symlinks to read it)", err=True)
            warn_unknown_kinds(arg, found.skipped_unknown)
            if not found.files:
                click.echo(f"esgtext: warning: {arg}: no {INPUT_KINDS} files", err=True)
            inputs.extend(_Input(f.path, str(f.path)) for f in found.files)
        elif os.path.exists(path):  # a file, or a FIFO/device: refused, unopened, when read
            inputs.append(_Input(path, arg))
        else:
            _error(arg, "no such file or directory")
            missing = True
    return inputs, missing


def read_text(item: _Input, repair: bool = True) -> str:
    """Decode (and by default repair) one input; raises :class:`_InputError` with one line."""
    from esgtext.errors import InputError
    from esgtext.inputs import read_input
    from esgtext.documents import extract_document, is_document, sniff_document
    from esgtext.html import HTML_SUFFIXES, extract_article
    from esgtext.repair import UndecodableInput, repair_bytes, repair_text
    from esgtext.repair.decode import decode_bytes

    try:
        data = sys.stdin.buffer.read() if item.source is None else read_input(item.source)
        kind = item.shown if is_document(item.shown) else (sniff_document(data) if item.source is None else None)
        if kind is not None:  # PDF and Word: their text, as translate reads it
            text = extract_document(data, kind).text
            return repair_text(text).text if repair else text
        if item.shown.lower().endswith(HTML_SUFFIXES):  # the article, as translate reads it
            text = extract_article(decode_bytes(data).text).text
            return repair_text(text).text if repair else text
        return repair_bytes(data).text if repair else decode_bytes(data).text
    except (UndecodableInput, InputError) as exc:
        raise _InputError(str(exc)) from None
    except OSError as exc:
        raise _InputError(exc.strerror or str(exc)) from None


def _run(paths: tuple[str, ...], handle, follow_symlinks: bool = False) -> int:
    """Read every input and call ``handle(item, text)``; return the exit code."""
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            _error("-", "no input: give a PATH, or pipe text to stdin")
            return EXIT_USAGE
        paths = ("-",)
    inputs, missing = _collect(paths, follow_symlinks)
    failed = False
    for item in inputs:
        try:
            handle(item, len(inputs))
        except _InputError as exc:
            _error(item.shown, str(exc))
            failed = True
    if missing:
        return EXIT_USAGE
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _exit(run) -> None:
    run_command(run, broken_pipe_code=EXIT_OK)  # `esgtext segment big.txt | head`


def _one_line(text: str, limit: int | None = None) -> str:
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return flat


# ---------------------------------------------------------------------------------------------


def detect_document(text: str) -> dict:
    """Main language, confidence and other-language spans of a document (what ``detect`` shows).

    >>> doc = detect_document("Publish Time: 2024-02-23 Source:中国机电产品进出口商会\\nThe report on the green development of the industry is out.")
    >>> doc["lang"], doc["other_spans"]
    ('en', [{'start': 32, 'end': 43, 'lang': 'zh', 'text': '中国机电产品进出口商会'}])
    """
    from esgtext.language import detect_language, language_spans

    guess = detect_language(text)
    spans = language_spans(text)
    main = guess.lang
    other = [
        {"start": s.start, "end": s.end, "lang": s.lang, "text": s.text.strip()}
        for s in spans
        if s.lang != main and s.text.strip()
    ]
    return {"lang": main, "confidence": guess.confidence, "method": guess.method, "other_spans": other}


@click.command("detect", epilog=DETECT_EPILOG)
@click.argument("paths", nargs=-1, metavar="[PATH...|-]")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input.")
@click.option("--no-repair", is_flag=True, help="Only decode the input (offsets are the file's own).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symlinks inside a folder that point outside it (default: skipped, with a warning).")
def detect(paths: tuple[str, ...], as_json: bool, no_repair: bool, follow_symlinks: bool = False) -> None:
    """Main language of each input, with the spans written in other languages.

    PATH is a file, a folder (its .txt, .md, .html, .pdf and .docx files; HTML is read as its
    article text, PDF and Word as their text) or - for stdin (the default).
    """

    def handle(item: _Input, _count: int) -> None:
        result = detect_document(read_text(item, repair=not no_repair))
        if as_json:
            click.echo(json.dumps({"path": item.shown, **result}, ensure_ascii=False))
            return
        click.echo(f"{item.shown}\t{result['lang']}\t{result['confidence']:.2f}")
        for span in result["other_spans"]:
            shown = json.dumps(_one_line(span["text"], _SHOW_CHARS), ensure_ascii=False)
            click.echo(f"  {span['start']}-{span['end']}\t{span['lang']}\t{shown}")

    _exit(lambda: _run(paths, handle, follow_symlinks))


@click.command("segment", epilog=SEGMENT_EPILOG)
@click.argument("paths", nargs=-1, metavar="[PATH...|-]")
@click.option("--lang", type=click.Choice(["fr", "en", "zh"]), help="Language of the text (default: detect).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per sentence.")
@click.option("--no-repair", is_flag=True, help="Only decode the input (offsets are the file's own).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symlinks inside a folder that point outside it (default: skipped, with a warning).")
def segment_cmd(paths: tuple[str, ...], lang: str | None, as_json: bool, no_repair: bool,
                follow_symlinks: bool = False) -> None:
    """Sentences of each input, one per line, with their paragraph number.

    PATH is a file, a folder (its .txt, .md, .html, .pdf and .docx files; HTML is read as its
    article text, PDF and Word as their text) or - for stdin (the default).
    """
    from esgtext.segmentation import segment

    def handle(item: _Input, count: int) -> None:
        segments = segment(read_text(item, repair=not no_repair), lang)
        if as_json:
            for s in segments:
                record = {"path": item.shown, "paragraph": s.paragraph, "start": s.start,
                          "end": s.end, "text": s.text}
                click.echo(json.dumps(record, ensure_ascii=False))
            return
        if count > 1:
            click.echo(f"==> {item.shown} <==")
        for s in segments:
            click.echo(f"{s.paragraph}\t{_one_line(s.text)}")

    _exit(lambda: _run(paths, handle, follow_symlinks))
