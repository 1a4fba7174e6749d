"""``esgtext translate``: a thin wrapper over :func:`esgtext.pipeline.translate_folder` (files and
folders) and :func:`esgtext.pipeline.process_document` (stdin)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from esgtext.cli import EXIT_CODES_HELP, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, run_command
from esgtext.cli import error as _error
from esgtext.translate.engines import ENGINE_CLASSES

TRANSLATE_HELP_EPILOG = (
    """\b
Inputs: .txt, .md, .html/.htm, .pdf (its text layer; a scan without one is
an error) and .docx files; other files in a folder are counted and skipped
(--verbose lists them).

\b
Outputs, for each input file (relative to the folder given, or its file name):
  OUT/<rel>.jsonl           one record per segment (schema: esgtext/data/record.schema.json;
                            datasets.load_dataset("json", data_files="OUT/**/*.jsonl") reads it)
  OUT/<rel>.tmx             TMX 1.4b, one bilingual <tu> per translated segment
                            (several languages: OUT/<rel>.<lang>-en.tmx each)
  OUT/<rel>.<lang> + .en    Moses, line-aligned, translated segments only
  OUT/<rel>.xlf             XLIFF 2.0 for post-editing (--format xliff): a unit per
                            translated or untranslated segment (OUT/<rel>.<lang>-en.xlf each)
  OUT/corpus/fr-en.tmx ...  the whole run per pair (TMX, Moses fr-en.fr + .en),
                            rebuilt after every run (needs jsonl in --format)
  OUT/parquet/src_lang=fr/  --format parquet: every record, one Parquet dataset
                            partitioned by source language (brings jsonl)
  OUT/.esgtext/errors.jsonl one line per file that could not be processed
Record status: translated (French, Chinese, mixed), kept (English: target =
source), boilerplate (web chrome, not translated), untranslated (no model and
--allow-untranslated).

\b
Re-runs skip every file whose content and settings are unchanged (hashes in
OUT/.esgtext/manifest.jsonl); files are written atomically, so a killed run
is completed by the next one.

\b
Examples:
  esgtext translate inbox/ -o out/ --format jsonl,tmx,moses --jobs 2
  esgtext translate a/b.txt -o out/       writes out/b.txt.jsonl
  esgtext translate inbox/ -o out/ --model zh-en=./models/zh-en --engine ctranslate2
  esgtext translate inbox/ -o out/ --allow-untranslated    repair and languages only
  esgtext translate inbox/ -o out/ --ray     the same run on Ray (RAY_ADDRESS or a local Ray)
  cat release.txt | esgtext translate - > records.jsonl
"""
    + EXIT_CODES_HELP
)


def _formats(value: str) -> list[str]:
    return [f.strip().lower() for f in value.split(",") if f.strip()]


@click.command("translate", epilog=TRANSLATE_HELP_EPILOG)
@click.argument("paths", nargs=-1, metavar="PATH...|-")
@click.option("-o", "--output", "out", type=click.Path(file_okay=False),
              help="Output folder (required unless the input is - for stdin).")
@click.option("--format", "formats", default="jsonl", show_default=True,
              help="Comma-separated: jsonl, tmx, moses, xliff, parquet (stdin: jsonl only).")
@click.option("--engine", type=click.Choice(list(ENGINE_CLASSES)), default="transformers",
              show_default=True, help="Translation engine.")
@click.option("--model", "models", multiple=True, metavar="PAIR=PATH_OR_HUB_ID",
              help="Model for a pair, e.g. zh-en=./my-model (repeatable).")
@click.option("--device", default="cpu", show_default=True, help="cpu, cuda or cuda:N.")
@click.option("--beam-size", type=click.IntRange(1, 64), help="Beam search width (default: the engine's, 4).")
@click.option("--batch-tokens", type=click.IntRange(16), help="Source tokens per batch (default 4096).")
@click.option("--glossary", type=click.Path(exists=True, dir_okay=False),
              help="Terms: a TSV (source<TAB>target, or a term alone to keep it untranslated) "
                   "or a TBX termbase (.tbx: TBX 2/TBX-Basic or TBX v3).")
@click.option("--cache", "cache", type=click.Path(dir_okay=False),
              help="Translation cache (SQLite). Default: OUT/.esgtext/translations.sqlite.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the translation cache.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files whose path relative to the folder matches, e.g. 'drafts/*' (repeatable).")
@click.option("-v", "--verbose", is_flag=True,
              help="List the files of unknown kinds skipped in the folders (the summary counts them).")
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for repair, language and segmentation.")
@click.option("--allow-untranslated", is_flag=True,
              help="Without a usable model, still write records (target null, status untranslated).")
@click.option("--max-bytes", type=click.IntRange(1), default=20 * 1024 * 1024, show_default=True,
              help="Larger files are listed in errors.jsonl instead.")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symlinks inside a folder that point outside it (default: skipped and counted).")
@click.option("--download", is_flag=True,
              help="Download a model missing from the cache from the Hugging Face Hub (default: "
                   "no network; run `esgtext models pull` first).")
@click.option("--wait", is_flag=True,
              help="If another run holds OUT, wait for it to finish (default: exit 2 naming it).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: only when stderr is a terminal).")
@click.option("--ray", "ray_address", is_flag=False, flag_value="auto", default=None,
              metavar="[ADDRESS|auto]",
              help="Run on a Ray cluster (the 'ray' extra): ADDRESS, or auto (default) for "
                   "$RAY_ADDRESS or a local Ray. Same records as without it; --jobs is not used "
                   "(Ray sizes the tasks). Write --ray=ADDRESS before the inputs.")
@click.option("--ray-actors", type=click.IntRange(1), default=None,
              help="With --ray: translation actors (default: one per GPU with --device cuda, else "
                   "one per 4 CPUs of the cluster).")
@click.option("--french-typography/--no-french-typography", default=None,
              help="Damaged French also gets back the no-break spaces before : ; ! ? and of "
                   "four-digit counts, and the guillemets of quotations (as `esgtext repair "
                   "--french-typography`). Default: only in documents that read as press releases "
                   "typed in a word processor's French mode (in a conversation, only the space "
                   "before : ; ! ?).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr.")
def translate(paths, out, formats, engine, models, device, beam_size, batch_tokens, glossary, cache,
              no_cache, exclude, jobs, allow_untranslated, max_bytes, progress, quiet,
              follow_symlinks=False, download=False, wait=False, ray_address=None, ray_actors=None,
              verbose=False, french_typography=None) -> None:
    """Bilingual records (JSONL, TMX, Moses) for press releases: repaired source, language,
    English target.

    PATH is a .txt, .md, .html/.htm, .pdf or .docx file, a folder (searched recursively), or -
    to read one document (text, HTML, PDF or Word) from stdin and write its JSONL records to
    stdout.
    """
    run_command(lambda: run_translate(
            paths, out, formats=formats, engine=engine, models=models, device=device,
            beam_size=beam_size, batch_tokens=batch_tokens, glossary=glossary, cache=cache,
            no_cache=no_cache, exclude=exclude, jobs=jobs, allow_untranslated=allow_untranslated,
            max_bytes=max_bytes, progress=progress, quiet=quiet, follow_symlinks=follow_symlinks,
            download=download, wait=wait, ray_address=ray_address, ray_actors=ray_actors,
            verbose=verbose, french_typography=french_typography,
        ), interrupted="esgtext: interrupted (finished files are kept; run again to complete)")


def run_translate(paths, out=None, *, formats="jsonl", engine="transformers", models=(),
                  device="cpu", beam_size=None, batch_tokens=None, glossary=None, cache=None,
                  no_cache=False, exclude=(), jobs=1, allow_untranslated=False, max_bytes=20 * 1024 * 1024,
                  progress=None, quiet=False, follow_symlinks=False, download=False, wait=False,
                  ray_address=None, ray_actors=None, verbose=False, french_typography=None) -> int:
    """Run the command; return its exit code (see ``esgtext translate --help``)."""
    from esgtext.errors import EsgtextError
    from esgtext.pipeline import Translator, process_document, translate_folder
    from esgtext.records import FORMATS, render_jsonl
    from esgtext.store import ERRORS_PATH
    from esgtext.translate.registry import parse_model_overrides

    fmt = _formats(formats)
    bad = [f for f in fmt if f not in FORMATS]
    if bad or not fmt:
        _error("--format", f"unknown format {','.join(bad) or '(none)'}; choose from {','.join(FORMATS)}")
        return EXIT_USAGE
    if not paths:
        _error("PATH", "no input: give files or folders, or - for stdin")
        return EXIT_USAGE
    stdin = "-" in paths
    if stdin and len(paths) > 1:
        _error("-", "stdin cannot be combined with other inputs")
        return EXIT_USAGE
    if stdin and (sys.stdin is None or sys.stdin.isatty()):
        _error("-", "no input: pipe a document to stdin")
        return EXIT_USAGE
    if stdin and ray_address is not None:
        _error("--ray", "stdin is one document: run it without --ray")
        return EXIT_USAGE
    if stdin and fmt != ["jsonl"]:
        _error("--format", "stdin writes JSONL records to stdout; use files and -o for tmx/moses")
        return EXIT_USAGE
    if not stdin and not out:
        _error("-o", "an output folder is required (-o OUT)")
        return EXIT_USAGE
    try:
        overrides = parse_model_overrides(models)
    except ValueError as exc:
        _error("--model", str(exc))
        return EXIT_USAGE

    options = dict(engine=engine, models=overrides, device=device, beam_size=beam_size,
                   max_batch_tokens=batch_tokens, glossary=glossary,
                   allow_untranslated=allow_untranslated, download=download)
    if french_typography is not None:  # (None: the default, "auto")
        from esgtext.repair import RepairConfig

        options["repair_config"] = RepairConfig(french_typography=french_typography)
    if no_cache:
        options["cache"] = None
    elif cache:
        options["cache"] = cache
    try:
        if stdin:
            translator = Translator(**options)
            _warn_missing(translator.missing)
            data = sys.stdin.buffer.read()
            from esgtext.repair.decode import UndecodableInput

            try:
                document = process_document(data, "-", translator=translator)
            except UndecodableInput as exc:
                _error("-", str(exc))
                return EXIT_SOME_FAILED
            finally:
                translator.close()
            stdout = sys.stdout.buffer
            stdout.write(render_jsonl(document.records))
            stdout.flush()
            if not quiet:
                c = document.counts()
                click.echo(f"esgtext: 1 document, {c['segments']} segments: {c['translated']} translated, "
                           f"{c['kept']} kept, {c['boilerplate']} boilerplate, "
                           f"{c['untranslated']} untranslated", err=True)
            return EXIT_OK
        if ray_address is not None:
            from esgtext.distributed import translate_dataset

            source = paths[0] if len(paths) == 1 and "://" in paths[0] else list(paths)
            summary = translate_dataset(source, out, formats=fmt, ray_address=ray_address,
                                        actors=ray_actors, max_bytes=max_bytes, progress=progress,
                                        on_start=_warn_missing, exclude=tuple(exclude),
                                        follow_symlinks=follow_symlinks, wait=wait, **options)
        else:
            summary = translate_folder(paths, out, formats=fmt, jobs=jobs, max_bytes=max_bytes,
                                       progress=progress, on_start=_warn_missing,
                                       exclude=tuple(exclude), follow_symlinks=follow_symlinks,
                                       wait=wait, **options)
    except EsgtextError as exc:  # a missing model (3), a bad path or option (2), ...
        _error(str(exc))
        return exc.exit_code
    except OSError as exc:
        _error(getattr(exc, "filename", None) or str(out), exc.strerror or str(exc))
        return EXIT_SOME_FAILED
    for warning in summary.warnings:
        click.echo(f"esgtext: warning: {warning}", err=True)
    for link in summary.skipped_symlinks:
        click.echo(f"esgtext: warning: {link}: symlink to outside the folder given, not read "
                   f"(--follow-symlinks to read it)", err=True)
    for err in summary.errors:
        _error(err["path"], f"{err['error']}: {err['reason']}")
    if verbose:
        from esgtext.inputs import INPUT_KINDS

        for path in summary.skipped_unknown:
            click.echo(f"esgtext: skipped: {path}: not a {INPUT_KINDS} file", err=True)
    if not quiet:
        tail = f"; errors in {Path(out) / ERRORS_PATH}" if summary.failed else ""
        hint = "" if verbose else " (--verbose lists them)"
        click.echo(f"esgtext: {summary.line(unknown_hint=hint)}{tail}", err=True)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def _warn_missing(missing: dict[str, str]) -> None:
    for pair in sorted(missing):
        click.echo(f"esgtext: warning: no model for {pair}; its segments are written untranslated "
                   f"(--allow-untranslated). Run `esgtext models pull {pair}` or pass --model "
                   f"{pair}=PATH", err=True)
