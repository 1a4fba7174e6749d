"""Chain repair steps while keeping every edit's offsets in the *original* input.

Each step sees the output of the previous one and reports edits against that. :func:`compose_edits`
maps a step's edits back through the edits made so far; where a later edit touches text an earlier
edit produced (ftfy turned "mÃ©daille" into "médaille", then the accent restorer changed it
again), the two merge into one edit from the original text to the final text.
"""

from __future__ import annotations

from esgtext.repair.edits import Edit, OffsetMap


def compose_edits(original: str, done: list[Edit], current: str, step: list[Edit]) -> list[Edit]:
    """Edits from ``original`` to the result of applying ``step`` to ``current``.

    ``done`` are edits from ``original`` to ``current`` (offsets in ``original``); ``step`` are
    edits of ``current`` (offsets in ``current``). The result has offsets in ``original``.

    >>> from esgtext.repair.edits import apply_edits
    >>> original = "la mÃ©daille du cas"
    >>> done = [Edit("mojibake", 3, 12, "mÃ©daille", "médaille")]
    >>> current = apply_edits(original, done)
    >>> step = [Edit("deleted_accent", 3, 11, "médaille", "médailles"), Edit("x", 15, 18, "cas", "CAS")]
    >>> [(e.kind, e.start, e.end, e.before, e.after) for e in compose_edits(original, done, current, step)]
    [('mojibake+deleted_accent', 3, 12, 'mÃ©daille', 'médailles'), ('x', 16, 19, 'cas', 'CAS')]
    """
    if not step:
        return list(done)
    if not done:
        return sorted(step, key=_order)
    earlier = OffsetMap(done)
    # where each earlier edit's output sits in `current`
    placed = list(zip(earlier.rstarts, earlier.rends, earlier.edits))
    # (maps a position of `current` that is not strictly inside an earlier edit's output)
    to_original = earlier.start

    items = [(s, e, d, None) for s, e, d in placed] + [(x.start, x.end, None, x) for x in step]
    items.sort(key=lambda item: (item[0], item[1]))
    clusters: list[list] = []
    for item in items:
        if clusters and _joins(clusters[-1], item):
            clusters[-1].append(item)
        else:
            clusters.append([item])

    result: list[Edit] = []
    for cluster in clusters:
        olds = [d for _, _, d, _ in cluster if d is not None]
        news = [x for _, _, _, x in cluster if x is not None]
        if not news:
            result.extend(olds)
            continue
        if not olds:
            result.extend(x.shifted(to_original(x.start) - x.start) for x in news)
            continue
        lo = min(s for s, _, _, _ in cluster)
        hi = max(e for _, e, _, _ in cluster)
        # An earlier edit whose output is empty (a deleted control character) sits at one point
        # of `current`, which `to_original` maps to *after* it: its own offsets say where it
        # starts, so that the merged edit covers what it deleted ("\x0bmdaille" -> "médaille").
        start = min([to_original(lo)] + [d.start for d in olds])
        end = max([to_original(hi)] + [d.end for d in olds])
        pieces, pos = [], lo
        for x in news:
            pieces.append(current[pos : x.start])
            pieces.append(x.after)
            pos = x.end
        pieces.append(current[pos:hi])
        members = olds + news
        kinds = list(dict.fromkeys(k for m in members for k in m.kind.split("+")))
        result.append(
            Edit(
                "+".join(kinds),
                start,
                end,
                original[start:end],
                "".join(pieces),
                min(m.confidence for m in members),
                "; then ".join(dict.fromkeys(m.reason for m in members if m.reason)),
            )
        )
    return sorted(result, key=_order)


def _joins(cluster: list, item: tuple) -> bool:
    """An item joins a cluster when it overlaps it and one side is an earlier edit's output."""
    s, e, old, _ = item
    for cs, ce, c_old, _ in cluster:
        if (old is None) == (c_old is None):
            continue  # two earlier edits, or two step edits, never overlap
        if s < ce and e > cs:
            return True
        if (s == e or cs == ce) and s <= ce and e >= cs:
            return True  # an insertion touching the other: keep order unambiguous
    return False


def _order(edit: Edit) -> tuple[int, int]:
    return (edit.start, edit.end)
