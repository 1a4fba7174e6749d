"""Web chrome that survives in plain-text releases: sign-in forms, breadcrumbs, share buttons,
cookie notices, copyright footers and "about using articles" terms.

Such segments are kept in the records with ``status: "boilerplate"`` (never silently dropped) and
are not translated. Detection is deliberately conservative: a segment is chrome only when it is
short and *is* one of the known shapes, not when it merely mentions one, so that a sentence such as
"Members can sign in to the portal to read the report." stays content.

    >>> boilerplate_reason("Sign into your account")
    'login'
    >>> boilerplate_reason("Home >News >CCCME News > Content")
    'navigation'
    >>> boilerplate_reason("The company signed into law a new policy on emissions.") is None
    True
    >>> find_boilerplate(["Text of the release.", "【About Using Articles】",
    ...                   "You can freely use the title.", "Links are free to use."])
    [None, 'usage-terms', 'usage-terms', 'usage-terms']
"""

from __future__ import annotations

import re

from esgtext.charsets import HAN_RE

_SOCIAL = r"wechat|weibo|linkedin|facebook|twitter|x|whatsapp|telegram|email|e-mail|print|微信|微博"

# Whole-segment shapes (matched against the stripped segment without final punctuation).
_WHOLE: dict[str, list[str]] = {
    "login": [
        r"sign ?(in|into|up|out|on)( (to )?(your|my) account)?( now| here)?",
        r"log ?(in|into|out|on)( (to )?(your|my) account)?( now| here)?",
        r"(join|register|subscribe)( (now|free|for free|today|here))?",
        r"(create|open) (an|your|a free) account",
        r"(member id|user ?name|e-?mail( address)?|account|password)( or (e-?mail( address)?|member id|user ?name|phone( number)?))?",
        r"forgot(ten)? (your )?password\??",
        r"my account|remember me|not a member\?.*",
        r"se connecter|s'inscrire|connexion|inscription|mon compte|mot de passe oubli[ée]",
        r"登录|登陆|注册|免费注册|会员登录|退出登录|忘记密码",
    ],
    "navigation": [
        r"(home|accueil|首页)\s*([>»›/|]|&gt;).*",
        r"(back to top|skip to (main )?content|main menu|menu|search|previous|next|more)",
        r"(previous|next) (article|post|story|page)",
        r"(read more|see more|view more|load more|related (articles|news|posts|stories))",
        r"(retour en haut|lire la suite|articles? li[ée]s|rechercher)",
        r"(返回顶部|返回首页|上一篇|下一篇|相关阅读|更多)",
    ],
    "share": [
        r"(share|share this( article| page| story)?|print|email this( article)?|tweet)",
        r"(share|partager) (on|sur) .{1,30}",
        r"follow us( on .{1,40})?|suivez-nous( sur .{1,40})?",
        r"(分享到|分享)[:：]?.{0,20}",
        r"((" + _SOCIAL + r")[\s,|]*){2,}",
    ],
    "cookies": [
        r"(accept|reject|decline|manage)( all)? cookies?( settings)?",
        r"(accept all|cookie (policy|settings|preferences))",
        r"(accepter|refuser)( tous)? les cookies",
    ],
    "footer": [
        r"(privacy policy|terms of (use|service)|terms and conditions|contact us|sitemap|site map|legal notice|disclaimer)",
        r"(politique de confidentialit[ée]|mentions l[ée]gales|nous contacter|plan du site)",
        r"(隐私政策|联系我们|网站地图|免责声明)",
    ],
    "tags": [
        r"(topics?|tags?|categor(y|ies)|keywords?|th[èe]mes?|mots-cl[ée]s|标签|关键词)\s*[:：]\s*.{1,80}",
    ],
}
_WHOLE_RE = {
    reason: re.compile(r"(?:" + "|".join(patterns) + r")", re.IGNORECASE)
    for reason, patterns in _WHOLE.items()
}

_TOPICS_LINE = re.compile(r"(?i:topics?|tags?)\s+[A-Z][^.]{0,80}")

# Shapes that make a *short* segment chrome wherever they appear in it.
_ANYWHERE_RE = {
    "footer": re.compile(
        r"all rights reserved|tous droits r[ée]serv[ée]s|版权所有|©|\(c\) ?\d{4}|copyright \d{4}",
        re.IGNORECASE,
    ),
    "cookies": re.compile(
        r"(we|this (web)?site) uses? cookies|nous utilisons des cookies|使用cookie", re.IGNORECASE
    ),
}

# "Label: anything" lines that name a site feature, not news: "Previous: <title>", "Share to: ...".
_LABELLED_RE = {
    "navigation": re.compile(
        r"(previous|next|prev)( (article|post|story|news|page))?\s*[:：]\s*.+"
        r"|(article )?(pr[ée]c[ée]dent|suivant)\s*[:：]\s*.+|(上一篇|下一篇)\s*[:：]?.+",
        re.IGNORECASE,
    ),
    "share": re.compile(
        r"(share (to|on|via|this)|partager sur|分享到)\s*[:：]\s*.{0,80}"
        r"|(share|partager)\s*[:：]\s*(" + _SOCIAL + r")([\s,|]+(" + _SOCIAL + r"))*",
        re.IGNORECASE,
    ),
}

# A bracketed section header about the site rather than the news: 【About Using Articles】.
_TERMS_HEADER = re.compile(
    r"[【\[]\s*(about|on|terms|copyright|disclaimer|notice|à propos|conditions|关于|版权|免责)[^】\]]{0,40}[】\]]",
    re.IGNORECASE,
)

MAX_WHOLE_WORDS = 14
MAX_ANYWHERE_WORDS = 25
MAX_TERMS_WORDS = 40
_TRAILING_PUNCT = " \t\r\n.:;!?,-–—|•·*※)(>"


def _words(text: str) -> int:
    # CJK text has no spaces: count characters / 2 as a rough word count.
    n = len(text.split())
    cjk = len(HAN_RE.findall(text))
    return max(n, cjk // 2)


_MENU_SEPARATORS = re.compile(r"\s+[|•·/]\s+|\s*\|\s*")


def _whole_reason(core: str) -> str | None:
    for reason, pattern in _WHOLE_RE.items():
        if pattern.fullmatch(core):
            return reason
    return None


def boilerplate_reason(text: str) -> str | None:
    """Why one segment on its own is web chrome (``"login"``, ``"navigation"``, ``"share"``,
    ``"cookies"``, ``"footer"``, ``"tags"``, ``"usage-terms"``), or ``None`` for content.

    >>> boilerplate_reason("Join Free")
    'login'
    >>> boilerplate_reason("© 2024 Example Corp. All rights reserved.")
    'footer'
    >>> boilerplate_reason("【About Links】")
    'usage-terms'
    """
    stripped = text.strip()
    if not stripped:
        return None
    if _TERMS_HEADER.fullmatch(stripped):
        return "usage-terms"
    words = _words(stripped)
    core = stripped.strip(_TRAILING_PUNCT)
    if words <= MAX_WHOLE_WORDS and core:
        reason = _whole_reason(core)
        if reason:
            return reason
        # "Topics Consumer Products & Retail" without a colon: a tag line, not a sentence.
        if _TOPICS_LINE.fullmatch(core) and not stripped.endswith((".", "。", "!", "?")):
            return "tags"
        # a menu row: "Contact Us | Privacy Policy | Sitemap"
        items = [i.strip(_TRAILING_PUNCT) for i in _MENU_SEPARATORS.split(core)]
        if len(items) >= 2 and all(items):
            reasons = [_whole_reason(i) for i in items]
            if all(reasons):
                return reasons[0]
    if words <= MAX_ANYWHERE_WORDS:
        for reason, pattern in _LABELLED_RE.items():
            if pattern.fullmatch(core):
                return reason
        for reason, pattern in _ANYWHERE_RE.items():
            if pattern.search(stripped):
                return reason
    return None


def find_boilerplate(segments: list[str]) -> list[str | None]:
    """:func:`boilerplate_reason` for each segment of a document, plus one rule of context: after a
    site-terms header such as ``【About Using Articles】`` every following short segment is
    ``"usage-terms"`` too, until a long one (real content) ends the section.
    """
    reasons = [boilerplate_reason(s) for s in segments]
    in_terms = False
    for i, text in enumerate(segments):
        if reasons[i] == "usage-terms" and _TERMS_HEADER.fullmatch(text.strip()):
            in_terms = True
            continue
        if in_terms:
            if not text.strip():
                continue
            if _words(text) <= MAX_TERMS_WORDS and reasons[i] is None:
                reasons[i] = "usage-terms"
            elif reasons[i] is None:
                in_terms = False
    return reasons


__all__ = ["boilerplate_reason", "find_boilerplate"]
