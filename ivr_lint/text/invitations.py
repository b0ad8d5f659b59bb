"""Does a prompt invite the caller to hang up? ("Sinon, vous pouvez raccrocher.")

A served caller (who heard the information they chose, or left their callback number)
is often told they may end the call; the silence that follows then ends it, and that is
no hang-up on an error. The reading is by clause: a hang-up phrase (raccrocher, mettre
fin à l'appel; hang up, end the call) introduced by a permission or a request (vous
pouvez, veuillez, n'hésitez pas à, ou; you may, feel free to, please, or) or said as an
imperative, with no negation or condition on it ("ne raccrochez pas", "si vous
raccrochez, vous perdrez votre place", "do not hang up", "before you hang up").
It errs towards *not* matching: a missed invitation keeps a finding the author can
silence, a false one would hide a caller hung up on.
"""

from __future__ import annotations

import unicodedata

from ivr_lint.text import _lazy
from ivr_lint.text._memo import reader

Span = tuple[int, int]


def _fold_char(char: str) -> str:
    low = char.lower()
    if len(low) != 1:
        return char
    base = unicodedata.normalize("NFD", low)[0]
    return "'" if base in "’‘ʼ´`" else base


@reader
def _fold(text: str) -> str:
    """Lower case, accents and curly apostrophes removed, one character for one: offsets hold."""
    return text.lower() if text.isascii() else "".join(_fold_char(c) for c in text)


# A clause: what lies between sentence marks, commas and colons ("Sinon, vous pouvez raccrocher").
_CLAUSE = _lazy.compile(r"[^.!?;:,\n]+")

_HANG_UP = {
    "fr": _lazy.compile(r"\braccroch(?:er|ez|ant)\b|\b(?:mettre|mettez) fin a (?:l'|cet |votre )appel\b"
                     r"|\bterminer (?:l'|cet |votre )appel\b"),
    "en": _lazy.compile(r"\bhang(?:ing)? up\b|\bend (?:the|this|your) call\b"),
}

# Right before the hang-up phrase: a permission, a request, or an alternative ("tapez 1 ou raccrochez").
_INVITING = {
    "fr": _lazy.compile(r"(?:\bvous (?:pouvez|pourrez|pourriez)(?: maintenant| desormais| alors| des a present"
                     r"| a present| a tout moment)?|\bveuillez|\bmerci de|\bn'hesitez pas a|\bvous etes libre de"
                     r"|\bou(?: bien)?|\bsinon|\bmaintenant|\bpuis|\bet)\s*$"),
    "en": _lazy.compile(r"(?:\byou (?:may|can|might|could)(?: now| then| simply| just)?|\bfeel free to|\bplease"
                     r"|\bsimply|\bjust|\bor(?: simply| just)?|\botherwise|\bnow|\bthen|\band)\s*$"),
}

# Anywhere before it in the clause: a negation or a condition makes it no invitation.
_NOT = {
    "fr": _lazy.compile(r"\bne\b|\bn'(?!hesitez)|\bsans\b|\bavant de\b|\bsi\b|\bs'il\b|\bjamais\b|\bsurtout\b"
                     r"|\bquand\b|\blorsque\b|\bapres avoir\b|\ballons\b|\ballez\b|\bva\b|\bvont\b"),
    "en": _lazy.compile(r"\bnot\b|n't\b|\bnever\b|\bwithout\b|\bbefore\b|\bafter\b|\bif\b|\bwhen\b|\bunless\b"
                     r"|\bwill\b|\b'll\b|\bgoing to\b|\bwe\b|\bthey\b"),
}
# Right after it: "ne raccrochez pas", "raccrochez jamais"...
_NOT_AFTER = {
    "fr": _lazy.compile(r"^\s*(?:pas|jamais|surtout pas)\b"),
    "en": _lazy.compile(r"^\s*(?:on|and lose)\b"),
}
# Imperative at the head of a clause: "Raccrochez maintenant", "Hang up and dial 999".
_IMPERATIVE = {
    "fr": _lazy.compile(r"raccrochez|mettez fin"),
    "en": _lazy.compile(r"hang up|end (?:the|this) call"),
}


@reader
def invites_to_hang_up(text: str, lang: str = "fr") -> Span | None:
    """The span of the first invitation to hang up in `text`, or None."""
    lang = lang if lang in _HANG_UP else "fr"
    folded = _fold(text)
    for clause in _CLAUSE.finditer(folded):
        body = clause.group()
        for verb in _HANG_UP[lang].finditer(body):
            before, after = body[:verb.start()], body[verb.end():]
            if _NOT[lang].search(before) or _NOT_AFTER[lang].search(after):
                continue
            heads = not before.strip() and _IMPERATIVE[lang].match(body[verb.start():])
            if heads or _INVITING[lang].search(before):
                return clause.start() + verb.start(), clause.start() + verb.end()
    return None
