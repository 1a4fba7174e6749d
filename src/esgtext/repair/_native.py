"""Which modules ``setup.py`` compiles with mypyc, and the digest that ties a build to its sources.

Read by ``setup.py`` at build time (loaded by path: the package's dependencies are not installed
in an isolated build, so this module imports only the standard library) and by
``esgtext.repair`` at import time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# Dependencies first.
COMPILED_MODULES = ("lexicon", "french")
# Written next to the compiled modules by the build: the SHA-256 of the sources they were compiled
# from. At run time, sources that no longer match (edited since the build) are imported instead.
DIGEST_FILE = "compiled.source-sha256"


def sources_digest(folder: Path) -> str:
    """SHA-256 of the sources of :data:`COMPILED_MODULES` in ``folder``, in that order."""
    digest = hashlib.sha256()
    for name in COMPILED_MODULES:
        digest.update((folder / f"{name}.py").read_bytes())
    return digest.hexdigest()
