"""Build script. Everything is declared in pyproject.toml except one optional step: the French
accent decoder (``src/esgtext/repair/french.py`` and the bigram model it queries, ``lexicon.py``)
is compiled to C extensions with mypyc.

The compiled modules are the same source, so they give the same edits, faster. The step is
optional, and the pure-Python modules are used (same results) when:

- ``ESGTEXT_PURE_PYTHON=1`` is set at install time;
- mypyc cannot be imported, or it rejects the modules;
- there is no working C compiler.

``ESGTEXT_PURE_PYTHON=1`` at run time, or a source edited after the build, also selects the
pure-Python modules: see ``esgtext/repair/__init__.py``.
"""

import importlib.util
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

PACKAGE_DIR = Path("src/esgtext/repair")


def _load_native_info():
    """``esgtext/repair/_native.py`` (standard library only), loaded by path: importing the
    package would need its dependencies, which an isolated build does not have."""
    spec = importlib.util.spec_from_file_location("_esgtext_native", PACKAGE_DIR / "_native.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NATIVE = _load_native_info()
_compiled_digest = None  # of the sources that mypyc read


class BuildExt(build_ext):
    def run(self):
        super().run()
        if not _compiled_digest or not all(Path(self.get_ext_fullpath(e.name)).exists()
                                           for e in self.extensions):
            return  # some extension failed to build: no digest, the sources will be used
        folders = {Path(self.get_ext_fullpath("esgtext.repair.french")).parent}  # wheel build
        if self.editable_mode or self.inplace:  # the extensions were copied next to the sources
            folders.add(PACKAGE_DIR)
        for folder in folders:
            (folder / NATIVE.DIGEST_FILE).write_text(_compiled_digest + "\n")


def _ext_modules():
    global _compiled_digest
    if os.environ.get("ESGTEXT_PURE_PYTHON"):
        return []
    _compiled_digest = NATIVE.sources_digest(PACKAGE_DIR)
    try:
        from mypyc.build import mypycify

        extensions = mypycify(
            # third-party modules (ftfy, wordfreq) are not installed in the isolated build
            ["--ignore-missing-imports", "--follow-imports=silent",
             *(str(PACKAGE_DIR / f"{name}.py") for name in NATIVE.COMPILED_MODULES)],
            opt_level="3",
            group_name="esgtext_repair",  # the shared library: esgtext_repair__mypyc.*.so
        )
    except (Exception, SystemExit) as exc:  # mypy reports type errors with SystemExit
        print(f"esgtext: building without the compiled French decoder ({exc})", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: skipped, and the .py modules are used
    return extensions


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": BuildExt})
