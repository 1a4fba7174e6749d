"""Finding and reading input files, the same way for every command; writing outputs safely.

* :func:`find_inputs` -- the files named by command-line paths: files as given, folders searched
  recursively for :data:`INPUT_SUFFIXES`, in a stable order. Hidden entries, the output folder
  and ``exclude`` globs are skipped; other files (of unknown kinds) are skipped and listed. A
  symlink inside a folder that points outside the folder is
  skipped and reported (``follow_symlinks=True`` reads it).
* :func:`read_input` -- the bytes of one input, refusing what is not a regular file (a FIFO, a
  device, a socket: reading one could block forever or never end) *before opening it*, and
  files over a size limit, with one-line :class:`~esgtext.errors.InputError`.
* :func:`output_path` / :func:`atomic_write` -- outputs below an output folder are never written
  through a symlink: a symlinked folder or file inside the output folder is refused, and files
  are written to a temporary file and renamed into place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Iterable, Sequence

from esgtext.errors import InputError, OutputError, UsageError

#: What a folder is searched for, by every command.
INPUT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
#: The kinds as messages name them ("no .txt, .md, .html, .pdf or .docx files").
INPUT_KINDS = ".txt, .md, .html, .pdf or .docx"
TMP_SUFFIX = ".esgtext-tmp"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input: its ``path`` and ``rel``, its name relative to the folder given (or the file
    name of a file given directly), which names its outputs."""

    path: Path
    rel: str
    folder: Path | None = None  # the folder it was found in (None: given directly)


@dataclass
class FoundInputs:
    """What :func:`find_inputs` found: the files, the symlinks it skipped and the files of
    unknown kinds it skipped (a ``.xlsx``, a ``.jpg``, ... in a folder; not hidden ones, not
    excluded ones)."""

    files: list[InputFile] = field(default_factory=list)
    skipped_symlinks: list[tuple[Path, Path]] = field(default_factory=list)  # (link, folder)
    skipped_unknown: list[Path] = field(default_factory=list)  # files of unknown kinds, sorted
    empty_folders: list[str] = field(default_factory=list)  # folders given with no input in them


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk_folder(folder: Path, found: FoundInputs, *, out: Path | None, exclude: Sequence[str],
                 suffixes: tuple[str, ...], follow_symlinks: bool, prefix: str = "") -> int:
    real_folder = os.path.realpath(folder)
    real_out = os.path.realpath(out) if out is not None else None
    files: list[tuple[str, Path]] = []
    unknown: list[Path] = []
    visited: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=follow_symlinks):
        real_root = os.path.realpath(root)
        if real_root in visited:  # a symlink loop (only with follow_symlinks)
            dirs[:] = []
            continue
        visited.add(real_root)
        root_path = Path(root)
        kept = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            full = root_path / d
            if real_out is not None and os.path.realpath(full) == real_out:
                continue
            if full.is_symlink() and not follow_symlinks:
                if not _inside(os.path.realpath(full), real_folder):
                    found.skipped_symlinks.append((full, folder))
                continue  # a folder link inside the folder: its files are found where they are
            kept.append(d)
        dirs[:] = kept
        for name in names:
            if name.startswith(".") or name.endswith(TMP_SUFFIX):
                continue
            full = root_path / name
            if not name.lower().endswith(suffixes):
                rel = full.relative_to(folder).as_posix()
                if not any(fnmatchcase(rel, pattern) for pattern in exclude):
                    unknown.append(full)
                continue
            if full.is_symlink() and not follow_symlinks:
                if not _inside(os.path.realpath(full), real_folder):
                    found.skipped_symlinks.append((full, folder))
                    continue
            rel = full.relative_to(folder).as_posix()
            if any(fnmatchcase(rel, pattern) for pattern in exclude):
                continue
            files.append((rel, full))
    files.sort(key=lambda item: item[0])
    found.skipped_unknown.extend(sorted(unknown, key=lambda p: p.as_posix()))
    found.files.extend(InputFile(path, prefix + rel, folder) for rel, path in files)
    return len(files)


def find_inputs(paths: Iterable[str | os.PathLike], *, out: str | os.PathLike | None = None,
                exclude: Sequence[str] = (), suffixes: tuple[str, ...] = INPUT_SUFFIXES,
                follow_symlinks: bool = False, prefix_folders: bool = False) -> FoundInputs:
    """The input files named by ``paths``, in a stable order.

    A file given directly is an input whatever its suffix or type (a FIFO given directly is
    refused when read, with one line, not skipped silently); a folder is searched recursively
    for ``suffixes`` (``.txt``, ``.md``, ``.html``, ``.htm``, ``.pdf``, ``.docx``), skipping hidden
    entries, ``out`` (the output folder, when it is inside) and files whose path relative to the
    folder matches an ``exclude`` glob (``"reference/*"``); the other files of a folder are
    listed in :attr:`FoundInputs.skipped_unknown`. Inside a folder, a symlink to a file or folder
    *outside* it is skipped and listed in :attr:`FoundInputs.skipped_symlinks`, unless
    ``follow_symlinks``. ``prefix_folders`` names each file of a folder ``<folder name>/<rel>``
    (``esgtext repair a/ b/ -o OUT``). Raises :class:`~esgtext.errors.UsageError` for a path that
    does not exist.
    """
    found = FoundInputs()
    out_path = Path(out) if out is not None else None
    for given in paths:
        path = Path(given)
        if path.is_dir():
            prefix = f"{Path(os.path.realpath(path)).name}/" if prefix_folders else ""
            n = _walk_folder(path, found, out=out_path, exclude=exclude, suffixes=suffixes,
                             follow_symlinks=follow_symlinks, prefix=prefix)
            if n == 0:
                found.empty_folders.append(str(given))
        elif os.path.exists(path):  # a file, or a FIFO/device/socket: refused by read_input
            found.files.append(InputFile(path, path.name))
        else:
            raise UsageError(f"{given}: no such file or folder")
    return found


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    for test, what in _SPECIAL:
        if test(mode):
            return what
    return "not a regular file"


def check_regular(path: str | os.PathLike, max_bytes: int | None = None) -> int:
    """The size of ``path``, a regular file no larger than ``max_bytes``; else
    :class:`~esgtext.errors.InputError`. Looks (``stat``) without opening."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError("unreadable", exc.strerror or str(exc)) from None
    what = _not_regular(st.st_mode)
    if what is not None:
        raise InputError("special-file", f"{what}, not a regular file: not read")
    if max_bytes is not None and st.st_size > max_bytes:
        raise InputError("too-large", f"{st.st_size} bytes, more than the limit of {max_bytes}")
    return st.st_size


def read_input(path: str | os.PathLike, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file ``path``; :class:`~esgtext.errors.InputError` (one line)
    for a FIFO, device, socket or folder (looked at with ``stat``, never opened: a FIFO would
    block, a device never end), for a file larger than ``max_bytes``, or when it cannot be read.
    """
    check_regular(path, max_bytes)
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError("unreadable", exc.strerror or str(exc)) from None


# ---------------------------------------------------------------------------------------------
# Outputs


def output_path(root: str | os.PathLike, rel: str | os.PathLike, *, create: bool = True) -> Path:
    """``root / rel``, checked so that writing it never goes through a symlink below ``root``.

    Every folder between ``root`` and the file must be a real folder (created when missing and
    ``create``), and the file itself must not be a symlink: otherwise
    :class:`~esgtext.errors.OutputError`. ``root`` itself may be a symlink (the user named it).
    """
    root = Path(root)
    rel = Path(rel)
    if rel.is_absolute() or ".." in rel.parts:
        raise OutputError(f"{rel}: output name outside {root}")
    current = root
    for part in rel.parts[:-1]:
        current = current / part
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            if not create:
                continue
            current.mkdir(parents=True, exist_ok=True)
            st = os.lstat(current)
        if stat.S_ISLNK(st.st_mode):
            raise OutputError(f"{current}: is a symlink inside {root}; outputs are never written through one")
        if not stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{current}: not a folder")
    target = root / rel
    if target.is_symlink():
        raise OutputError(f"{target}: is a symlink; outputs are never written through one")
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename, so that
    ``path`` is never seen half-written (not even after ``kill -9``). A symlink at ``path`` is
    refused (:class:`~esgtext.errors.OutputError`), never written through or replaced."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        raise OutputError(f"{path}: is a symlink; outputs are never written through one")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "INPUT_KINDS",
    "INPUT_SUFFIXES",
    "FoundInputs",
    "InputFile",
    "atomic_write",
    "check_regular",
    "find_inputs",
    "output_path",
    "read_input",
]
