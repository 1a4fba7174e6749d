"""The progress bar of a bulk run (``esgtext translate DIR``), on stderr.

The bar counts files and moves as each one is finished (written, failed or found unchanged), with
``--jobs N`` too; inside a batch of translations it shows the segments translated so far
(``translating 768/2,000 segments``), so a single large file is seen to advance. The ETA is the
run's own average: the time since the run started over the files actually worked on (written or
failed; unchanged files cost nothing), times the files left. No ETA is shown before a file is
finished, and tqdm's own (a rate smoothed over bursts) is not shown at all.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_FORMAT = "{desc}{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} files [{elapsed}{postfix}]"


class RunProgress:
    """A tqdm bar over the files of a run (a no-op when not ``enabled``)."""

    def __init__(self, total: int, *, enabled: bool, file: TextIO | None = None):
        from tqdm import tqdm

        self.total = total
        self.enabled = enabled
        # miniters=1: tqdm's dynamic miniters would, after a burst of files, redraw only every
        # ~25 files (the bar lagged the manifest by that much)
        self.bar = tqdm(total=total, unit="file", disable=not enabled, file=file or sys.stderr,
                        dynamic_ncols=True, leave=False, miniters=1, mininterval=0.1,
                        bar_format=BAR_FORMAT)
        self.started = time.monotonic()
        self.worked = 0  # files written or failed
        self.done = 0  # every file finished, unchanged ones included
        self.segments = 0
        self.translating: tuple[int, int] | None = None

    def file_done(self, *, segments: int = 0, worked: bool = True) -> None:
        """One file finished: written or failed (``worked``), or unchanged (``worked=False``)."""
        self.done += 1
        self.worked += int(worked)
        self.segments += segments
        if not self.enabled:
            return
        self.bar.update(1)
        self._show()

    def translated(self, done: int, total: int) -> None:
        """``done`` of the ``total`` segments of the batch being translated are done."""
        self.translating = (done, total) if done < total else None
        if self.enabled:
            self._show()

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left by the run's average so far; None before a file was worked on."""
        if self.worked == 0:
            return None
        now = time.monotonic() if now is None else now
        return (now - self.started) / self.worked * max(0, self.total - self.done)

    def postfix(self, now: float | None = None) -> str:
        from tqdm import tqdm

        parts = []
        eta = self.eta(now)
        if eta is not None and self.done < self.total:
            parts.append(f"eta {tqdm.format_interval(eta)}")
        parts.append(f"{self.segments:,} segments")
        if self.translating is not None:
            parts.append(f"translating {self.translating[0]:,}/{self.translating[1]:,} segments")
        return ", ".join(parts)

    def _show(self) -> None:
        self.bar.set_postfix_str(self.postfix(), refresh=True)

    def close(self) -> None:
        self.bar.close()


__all__ = ["BAR_FORMAT", "RunProgress"]
