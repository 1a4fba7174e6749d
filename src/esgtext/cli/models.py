"""``esgtext models``: list and download the translation models (thin wrappers over
:func:`esgtext.translate.list_models` and :func:`esgtext.translate.pull_model`)."""

from __future__ import annotations

import json

import click

from esgtext.cli import EXIT_OK, run_command

MODELS_HELP_EPILOG = """\b
Examples:
  esgtext models list                       pairs, hub ids, revisions, licences, local or not
  esgtext models pull                       download every registered pair
  esgtext models pull zh-en                 only Chinese -> English
  esgtext models pull --ct2 zh-en           and convert it for --engine ctranslate2 now
  esgtext models pull --model fr-en=Helsinki-NLP/opus-mt-tc-big-fr-en fr-en

\b
Models go to models/cache/ (or $ESGTEXT_MODELS_DIR). With HF_HUB_OFFLINE=1, or when the
Hugging Face Hub cannot be reached, `pull` stops with one line and exit code 3.
"""


def _overrides(values: tuple[str, ...]) -> dict[str, str]:
    from esgtext.translate.registry import parse_model_overrides

    try:
        return parse_model_overrides(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--model") from None


_model_option = click.option(
    "--model",
    "models",
    multiple=True,
    metavar="PAIR=PATH_OR_HUB_ID",
    help="Use a local folder or another hub id (id@revision) for a pair; repeatable.",
)


@click.group("models", epilog=MODELS_HELP_EPILOG)
def models() -> None:
    """List and download the OPUS-MT translation models."""


@models.command("list", epilog=MODELS_HELP_EPILOG)
@_model_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per pair instead of a table.")
def list_cmd(models: tuple[str, ...], as_json: bool) -> None:
    """Show each pair, its model and whether it is available locally (no network)."""
    from esgtext.translate.registry import list_models, models_dir

    specs = list_models(_overrides(models))
    if as_json:
        for spec in specs:
            click.echo(json.dumps({
                "pair": spec.pair,
                "model_id": spec.model_id,
                "revision": spec.revision,
                "licence": spec.licence,
                "available": spec.available,
                "path": str(spec.local_path) if spec.local_path else None,
            }, ensure_ascii=False))
        return
    rows = [("PAIR", "MODEL", "REVISION", "LICENCE", "LOCAL")]
    for spec in specs:
        where = str(spec.local_path) if spec.available else "missing (esgtext models pull %s)" % spec.pair
        rows.append((spec.pair, spec.model_id, spec.revision[:12], spec.licence, where))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    click.echo(f"model cache: {models_dir()}", err=True)


@models.command("pull", epilog=MODELS_HELP_EPILOG)
@click.argument("pairs", nargs=-1, metavar="[PAIR]...")
@_model_option
@click.option("--force", is_flag=True, help="Download again even when the model is already local.")
@click.option("--ct2", is_flag=True, help="Also convert for CTranslate2 now (int8 for CPU).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def pull_cmd(pairs: tuple[str, ...], models: tuple[str, ...], force: bool, ct2: bool, quiet: bool) -> None:
    """Download the models of PAIRs (default: every registered pair) into the model cache."""
    run_command(lambda: _pull(pairs, models, force, ct2, quiet))


def _pull(pairs: tuple[str, ...], models: tuple[str, ...], force: bool, ct2: bool, quiet: bool) -> int:
    from esgtext.errors import UsageError
    from esgtext.translate.registry import load_registry, pull_model

    overrides = _overrides(models)
    registry = load_registry()
    wanted = list(pairs) or [*registry, *(p for p in overrides if p not in registry)]
    unknown = [p for p in wanted if p not in registry and p not in overrides]
    if unknown:
        raise UsageError(f"unknown pair {', '.join(unknown)} (registered: {', '.join(sorted(registry))}); "
                         "use --model PAIR=PATH_OR_HUB_ID for another one")
    for pair in wanted:
        spec = pull_model(pair, overrides, force=force, progress=not quiet)  # ModelNotAvailable: 3
        click.echo(f"{pair}\t{spec.model_id}@{spec.revision}\t{spec.local_path}")
        if ct2:
            from esgtext.translate.ct2_engine import convert_checkpoint

            folder = convert_checkpoint(spec.local_path, "int8")
            click.echo(f"{pair}\tctranslate2 int8\t{folder}")
    return EXIT_OK
