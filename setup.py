"""Build script. Everything is declared in pyproject.toml except one optional step: the French
accent decoder (``src/esgtext/repair/french.py``) is compiled to a C extension with mypyc.

The compiled module is the same source, so it gives the same edits, about a quarter faster. The
step is optional, and the pure-Python module is used (same results) when:

- ``ESGTEXT_PURE_PYTHON=1`` is set at install time;
- mypyc cannot be imported, or it rejects the module;
- there is no working C compiler.

``ESGTEXT_PURE_PYTHON=1`` at run time, or a ``french.py`` edited after the build, also selects the
pure-Python module: see ``esgtext/repair/__init__.py``.
"""

import hashlib
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

FRENCH_DECODER = "src/esgtext/repair/french.py"
# Written next to the compiled module: the SHA-256 of the french.py it was compiled from. At run
# time a french.py that no longer matches (edited since the build) is imported instead.
SOURCE_DIGEST_SUFFIX = ".source-sha256"
_compiled_digest = None  # of the french.py that mypyc read


class BuildExt(build_ext):
    def build_extension(self, ext):
        super().build_extension(ext)
        if ext.name != "esgtext.repair.french" or not _compiled_digest:
            return
        folders = {Path(self.get_ext_fullpath(ext.name)).parent}  # the wheel's build folder
        if self.editable_mode or self.inplace:  # the extension is copied next to french.py
            folders.add(Path(FRENCH_DECODER).parent)
        for folder in folders:
            (folder / ("french" + SOURCE_DIGEST_SUFFIX)).write_text(_compiled_digest + "\n")


def _ext_modules():
    global _compiled_digest
    if os.environ.get("ESGTEXT_PURE_PYTHON"):
        return []
    _compiled_digest = hashlib.sha256(Path(FRENCH_DECODER).read_bytes()).hexdigest()
    try:
        from mypyc.build import mypycify

        extensions = mypycify(
            # third-party modules (ftfy, wordfreq) are not installed in the isolated build
            ["--ignore-missing-imports", "--follow-imports=silent", FRENCH_DECODER],
            opt_level="3",
        )
    except (Exception, SystemExit) as exc:  # mypy reports type errors with SystemExit
        print(f"esgtext: building without the compiled French decoder ({exc})", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: skipped, and the .py module is used
    return extensions


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": BuildExt})
