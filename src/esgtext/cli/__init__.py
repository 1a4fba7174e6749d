"""The ``esgtext`` command line: thin click wrappers over the library.

Each command lives in its own module of this package and is registered on :func:`main` below.

Exit codes (the same for every command):
  0  success
  1  some inputs failed (listed on stderr, or in OUT/errors.jsonl for ``translate``)
  2  usage error (bad option, missing file, ...)
  3  a required model is missing and cannot be downloaded (run ``esgtext models pull``)
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import importlib

import click

from esgtext import __version__

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_MODEL_MISSING = 3
EXIT_INTERRUPTED = 130

EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    some inputs failed (listed on stderr / in errors.jsonl)
  2    usage error (bad option, missing file)
  3    a model is missing and cannot be downloaded (see `esgtext models pull`)
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


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from esgtext.repair import french_decoder

    click.echo(f"esgtext {__version__}\nFrench accent decoder: {french_decoder()}")
    ctx.exit()


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version,
              help="Show the version and which French accent decoder runs (compiled or pure "
                   "Python), then exit.")
def main() -> None:
    """esgtext: clean multilingual press releases into English with aligned bilingual records.

    \b
    Typical use:
      esgtext repair release.txt            fix encodings, mojibake and lost French accents
      esgtext detect release.txt            language of a file and of its mixed spans
      esgtext translate inbox/ -o out/      bilingual records for a folder (JSONL, TMX, Moses)
      esgtext models pull                   download the OPUS-MT models once
    """
