"""Turn the bytes of a press release into text, or refuse clearly when they are not text.

Order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-32, UTF-16);
2. UTF-16 without a BOM, recognised by NUL bytes that sit on one parity only, or, for Chinese
   text that has (almost) no ASCII to put NULs anywhere, by code units that are nearly all Han
   and CJK punctuation;
3. binary data (NUL or other control bytes, known file signatures) → :class:`UndecodableInput`;
4. strict UTF-8;
5. UTF-8 with a few broken bytes (valid multi-byte characters outnumber invalid bytes 3:1): the broken
   bytes become U+FFFD and a warning says where;
6. a legacy encoding chosen by charset-normalizer among a short, ordered candidate list
   (cp1252 for French and English, GB18030 and Big5 for Chinese), checked by the shape of the
   high bytes: double-byte CJK text has only even-length runs of bytes >= 0x80, cp1252 French has
   isolated ones. That check is what makes short files come out right, where statistical
   detection alone guesses (``"Côte"`` in cp1252 also decodes as two Big5 characters).

    >>> decode_bytes("Côte d’Ivoire".encode("cp1252")).text
    'Côte d’Ivoire'
    >>> decode_bytes("碳中和目标".encode("gb18030")).encoding
    'gb18030'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from esgtext.errors import EsgtextError

# Legacy candidates, in order of preference when the evidence is equal.
LEGACY_CANDIDATES: tuple[str, ...] = ("cp1252", "gb18030", "big5")
CJK_CANDIDATES: tuple[str, ...] = ("gb18030", "big5")

# Bytes that never occur in text files (TAB, LF, FF, CR and ESC -- terminal colours -- do).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_HIGH_RUNS = re.compile(rb"[\x80-\xff]+")

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first)"),
    (b"PK\x03\x04", "a zip archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)

# How much of a large input charset-normalizer looks at (it samples; this bounds the worst case).
_DETECT_SAMPLE = 256 * 1024


class UndecodableInput(EsgtextError, ValueError):
    """The input is not text in any encoding esgtext reads (binary data, an archive, an image).

    The message is one line, fit to be printed after ``esgtext: error: <path>:`` (exit code 1).
    """


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding it was read with, and any warnings about lost bytes."""

    text: str
    encoding: str
    undecodable_bytes: int = 0
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` following the order of evidence in the module docstring.

    ``encoding`` forces a codec (errors are then replaced, with a warning).

    >>> decode_bytes(b"").text
    ''
    >>> decode_bytes("\\ufeffhello".encode("utf-8")).encoding
    'utf-8-sig'
    >>> decode_bytes("café déjà \\xff ok".encode("utf-8").replace(b"\\xc3\\xbf", b"\\xff")).warnings[0]
    'replaced 1 undecodable byte(s) with U+FFFD (first at byte 13)'
    """
    if not data:
        return Decoded("", encoding or "utf-8")
    if encoding is not None:
        return _decode_forced(data, encoding)

    bom = _decode_bom(data)
    if bom is not None:
        return bom
    utf16 = _sniff_utf16(data) or _sniff_utf16_cjk(data)
    if utf16 is not None:
        return utf16
    _reject_binary(data)

    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    broken = _decode_broken_utf8(data)
    if broken is not None:
        return broken
    return _decode_legacy(data)


def _decode_forced(data: bytes, encoding: str) -> Decoded:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UndecodableInput(f"unknown encoding {encoding!r}") from None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        return Decoded(
            text,
            encoding,
            undecodable_bytes=1,
            warnings=(f"not valid {encoding} (first bad byte at {exc.start}); replaced with U+FFFD",),
        )


def _decode_bom(data: bytes) -> Decoded | None:
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    boms = (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            if codec == "utf-32" and len(data) % 4:
                continue  # "FF FE 00 00" can also be UTF-16-LE text starting with U+0000... rare
            return _decode_with_replacement(data, codec)
    return None


def _sniff_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without BOM: text with any ASCII in it has NULs on one parity and not the other."""
    sample = data[:_DETECT_SAMPLE]
    if len(sample) < 16 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    # Every ASCII character (space, digit, line break) puts a NUL on one parity; CJK characters
    # rarely do (U+4E00 is "00 4E"), so the other parity stays nearly clean.
    if odd >= 0.05 * half and even <= 0.1 * odd:
        codec = "utf-16-le"
    elif even >= 0.05 * half and odd <= 0.1 * even:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _CONTROL_CHARS.search(text) or not _UTF16_TEXT_HINT.search(text):
        return None
    return Decoded(text, codec)


# What Chinese (or Japanese) text is made of, as UTF-16 code units: Han, kana, CJK and full-width
# punctuation, the general punctuation of CJK text (“”‘’—…), ASCII and whitespace.
_CJK_TEXT_CHAR = re.compile(
    "[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3000-\u30ff\uff00-\uffef\u2010-\u2027"
    "\u00b7\x20-\x7e\t\n\r]"
)
_HAN_CHAR = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_PRINTABLE = [0x20 <= b <= 0x7E for b in range(256)]


def _sniff_utf16_cjk(data: bytes) -> Decoded | None:
    """UTF-16 (LE or BE) without BOM whose text is CJK: the NUL-parity sniff above needs ASCII,
    which a Chinese line may not have at all (and one NUL byte, from U+4E00 "一", would then
    read as binary).

    Accepted when the bytes are not UTF-8, decode strictly, and nearly every character (95 %)
    is one Chinese text is written with, and at least 40 % Han. Legacy 8-bit files cannot
    pass: GB2312/GBK/Big5 byte pairs read as UTF-16 land in Hangul, surrogates and private use
    (their trailing bytes are >= 0xA1, or their leading bytes are), and cp1252 or ASCII text is
    mostly bytes < 0x80, pairs of printable ASCII that read as Han characters: when they are
    most of the code units, it is not UTF-16.
    """
    sample = data[:_DETECT_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    if b"\x00" not in sample and sum(1 for b in sample if b >= 0x80) < 0.2 * len(sample):
        return None  # ASCII-like bytes: cp1252 or similar, whatever UTF-16 would make of them
    try:
        data.decode("utf-8")
        return None  # valid UTF-8 is UTF-8
    except UnicodeDecodeError:
        pass
    # cp1252/ASCII words read as UTF-16 are pairs of printable ASCII bytes ("te" -> U+7465, a
    # Han character): 76-100 % of the pairs of FLORES French lines in cp1252. In Chinese UTF-16
    # the low byte of a code unit is anything: 0-54 % (median 24 %) of FLORES Chinese lines.
    pairs = len(sample) // 2
    printable = sum(1 for i in range(0, 2 * pairs, 2) if _PRINTABLE[sample[i]] and _PRINTABLE[sample[i + 1]])
    if printable >= (0.65 if pairs >= 8 or b"\x00" in sample else 0.34) * pairs:
        return None  # a short one ("Côte" in cp1252) needs a clearer margin
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        head = text[: _DETECT_SAMPLE // 2]
        if not head or _CONTROL_CHARS.search(head):
            continue
        fitting = len(_CJK_TEXT_CHAR.findall(head)) / len(head)
        han = len(_HAN_CHAR.findall(head))
        if fitting >= 0.95 and han >= 0.4 * len(head.strip()) and (best is None or fitting > best[0]):
            best = (fitting, codec, text)
    if best is None:
        return None
    return Decoded(best[2], best[1])


# Real text has spaces, line breaks or CJK punctuation somewhere; binary data decoded as UTF-16
# rarely produces any of them.
_UTF16_TEXT_HINT = re.compile("[ \n\u3000\u3001\u3002\uff0c]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def _reject_binary(data: bytes) -> None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise UndecodableInput(f"binary file: looks like {what}, not text")
    sample = data[:_DETECT_SAMPLE]
    controls = _CONTROL_BYTES.findall(sample)
    if b"\x00" in sample:
        raise UndecodableInput("binary file: contains NUL bytes, not text")
    if len(controls) > max(2, len(sample) // 1000):
        raise UndecodableInput(f"binary file: {len(controls)} control bytes in the first {len(sample)} bytes, not text")


def _decode_with_replacement(data: bytes, codec: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
        return Decoded(text, codec, bad, (_replaced_warning(bad, exc.start),))


def _replaced_warning(count: int, first: int) -> str:
    return f"replaced {count} undecodable byte(s) with U+FFFD (first at byte {first})"


def _decode_broken_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few damaged bytes: keep the readable text, replace only the broken bytes.

    It is UTF-8 when valid multi-byte characters outnumber invalid bytes three to one; a cp1252 or
    GB18030 file has (almost) no valid multi-byte UTF-8 sequences at all.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    else:  # pragma: no cover - callers try strict UTF-8 first
        return None
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid_multibyte = sum(1 for c in text if ord(c) > 0x7F) - text.count("\ufffd")
    if valid_multibyte < max(2, 3 * invalid):
        return None
    return Decoded(text, "utf-8", invalid, (_replaced_warning(invalid, first),))


_WESTERN_PUNCTUATION = frozenset("’‘“”«»—–…€°\xa0•·©®™§")


def _looks_western(data: bytes) -> bool:
    """In cp1252, do the high bytes read as accented letters inside Latin words (or as quotes)?

    French in cp1252 gives ``"société"``: every high character touches an ASCII letter. GB18030 or
    Big5 read as cp1252 gives runs like ``"¹«Ë¾"`` where high characters only touch each other.
    """
    text = data[:_DETECT_SAMPLE].decode("latin-1")  # positions == bytes; cp1252 only renames C1
    high = fitting = 0
    for i, char in enumerate(text):
        if char < "\x80":
            continue
        high += 1
        cp1252 = bytes([ord(char)]).decode("cp1252", errors="replace")
        if cp1252 in _WESTERN_PUNCTUATION:
            fitting += 1
        elif cp1252.isalpha():
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
                fitting += 1
    return high > 0 and fitting >= 0.8 * high


def _decode_legacy(data: bytes) -> Decoded:
    if _looks_western(data):
        encoding = "cp1252"
    else:
        encoding = _detect(data, LEGACY_CANDIDATES)
    if encoding == "cp1252":
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            # the five bytes cp1252 leaves undefined: Latin-1 maps them to C1 controls losslessly
            return Decoded(data.decode("latin-1"), "latin-1")
    return _decode_with_replacement(data, encoding)


def _detect(data: bytes, candidates: tuple[str, ...]) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_SAMPLE], cp_isolation=list(candidates)).best()
    encoding = _normalise_codec_name(best.encoding) if best is not None else None
    plausible = [codec for codec in CJK_CANDIDATES if _plausible_cjk(data, codec)]
    if encoding in CJK_CANDIDATES and encoding not in plausible:
        encoding = None
    if encoding == "big5" and "gb18030" in plausible and len(data) < 400:
        # Too short for statistics to separate Big5 from GB18030: this project's Chinese
        # sources are mainland (simplified) releases.
        encoding = "gb18030"
    if encoding is None:
        return plausible[0] if plausible else "cp1252"
    return encoding


def _plausible_cjk(data: bytes, codec: str) -> bool:
    """Decodes strictly and at least 90 % of the non-ASCII characters are CJK or CJK punctuation."""
    try:
        text = data[:_DETECT_SAMPLE].decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start < _DETECT_SAMPLE - 4:  # a cut at the end of the sample is not evidence
            return False
        text = data[: exc.start].decode(codec, errors="replace")
    high = [c for c in text if ord(c) > 0x7F]
    if not high:
        return False
    cjk = sum(1 for c in high if _is_cjk(c))
    return cjk >= 0.9 * len(high)


def _is_cjk(char: str) -> bool:
    cp = ord(char)
    return (
        0x4E00 <= cp <= 0x9FFF  # unified ideographs
        or 0x3000 <= cp <= 0x303F  # CJK punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x2000 <= cp <= 0x206F  # general punctuation (“”—…) as GB encodes them
        or 0x3100 <= cp <= 0x312F  # bopomofo
    )


def _normalise_codec_name(name: str) -> str:
    return codecs.lookup(name).name.replace("_", "-") if name else name
