"""The character classes of the CJK scripts, in one place: regular-expression set bodies (put them
inside ``[...]``) for language identification, segmentation, repair and the glossary.

    >>> import re
    >>> re.findall(f"[{HAN}]", "The 碳中和 target")
    ['碳', '中', '和']
    >>> bool(CJK_RE.search("Lotte 롯데")), bool(CJK_RE.search("Côte d’Ivoire"))
    (True, False)
"""

from __future__ import annotations

import re

__all__ = ["HAN", "KANA", "HANGUL", "CJK", "CJK_PUNCTUATION", "FULL_WIDTH", "HAN_RE", "CJK_RE"]

# Han: unified ideographs, extension A, extensions B-F and the compatibility ideographs, and 〇
HAN = "\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f\uf900-\ufaff\u3007"
# kana: hiragana, katakana, their phonetic extensions and half-width katakana
KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d"
# Hangul syllables and jamo
HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
# the letters of the CJK scripts
CJK = HAN + KANA + HANGUL
# full-width punctuation, CJK symbols and full-width Latin that belong to an adjacent CJK run:
# 、。〈〉《》「」『』【】〔〕 ！（），：；？ ｛｝～ · ‧ ・ and ＡＢＣ１２３. Punctuation shared with
# Latin text (“” ‘’ — …) is not in it.
CJK_PUNCTUATION = (
    "\u3000-\u303f\uff01-\uff20\uff21-\uff5a\uff3b-\uff40\uff5b-\uff65\ufe30-\ufe4f"
    "\u00b7\u2027\u30fb"
)
# the whole CJK symbols and punctuation and half-width / full-width forms blocks
FULL_WIDTH = "\u3000-\u303f\uff00-\uffef"

HAN_RE = re.compile(f"[{HAN}]")
CJK_RE = re.compile(f"[{CJK}]")
