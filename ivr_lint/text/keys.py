"""Which phone keys a prompt tells the caller to press ("tapez 1", "press the star key").

A menu's prompt and its options must agree (rule `menu-prompt-mismatch`). Keys are read
where a prompt *asks for a key*: after a keypad verb ("tapez", "appuyez sur la touche",
"faites le", "press", "dial", "say or press"), after "touche"/"option", in "pour X, le 2",
and in the lists and ranges those start ("press 1, 2 or 3", "tapez 1 à 3", "tapez 1 pour X,
2 pour Y"). Digits may be written as words (zéro, un... / zero, one... oh) and the symbol
keys by name (étoile, dièse / star, hash, pound). French, English and the Spanish of US
bilingual menus ("para español, oprima 2") are read together, whatever the flow's
language, because one prompt often mixes them ("For English, press 9").

A key counts as *announced* only when it is the object of such a request and the request
ends there (a clause end, "pour...", "or...", "now"): "tapez votre numéro à 7 chiffres",
"appelez le 3230", "composez le 01 23 45 67 89", "24h/24", "9h", "le 1er" are not keys.
Bare digits that may be keys ("1 : les paiements") are kept as *mentions*, which only
ever excuse an option from being called hidden. Text filled in at run time (``{...}``)
is a gap: a key is never read across it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ivr_lint.text import _lazy
from ivr_lint.text._memo import reader
from ivr_lint.text.cues import fold

# --- vocabulary (folded: lower case, no accents) ------------------------------------------

_DIGIT_WORDS = {
    # French
    "zero": "0", "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6",
    "sept": "7", "huit": "8", "neuf": "9",
    # English
    "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "seven": "7",
    "eight": "8", "nine": "9",
    # Spanish
    "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "seis": "6",
    "siete": "7", "ocho": "8", "nueve": "9",
}
_SYMBOL_WORDS = {
    "etoile": "*", "asterisque": "*", "star": "*", "asterisk": "*", "asterisco": "*", "estrella": "*",
    "diese": "#", "carre": "#", "croisillon": "#", "hash": "#", "pound": "#", "hashtag": "#",
    "numeral": "#", "almohadilla": "#", "gato": "#",
}
_KEY_WORDS = {**_DIGIT_WORDS, **_SYMBOL_WORDS}
#: nouns that may follow a key without ending the request ("the star key", "pound sign")
_KEY_NOUNS = frozenset({"key", "button", "sign", "tecla"})

#: verbs that ask for a key; a past participle ("vous avez tapé 3") never does
_VERBS = frozenset({
    "tapez", "tape", "taper", "tapant", "appuyez", "appuie", "appuyer", "appuyant", "pressez", "presser",
    "composez", "composer", "compose", "faites", "faire", "selectionnez", "selectionner", "choisissez",
    "enfoncez",
    "press", "pressing", "push", "pushing", "hit", "dial", "dialing", "dialling", "select", "selecting",
    "enter", "entering", "touch", "choose", "pick",
    "oprima", "oprime", "marque", "marca", "presione", "presiona", "pulse", "pulsa", "digite",
})
#: "say or press", "dites ou tapez", "press or say": the other half of a chained request
_SAY = frozenset({"dites", "dire", "say", "diga"})
#: words that may stand between the verb and the key
_FILLERS = frozenset({
    "sur", "la", "le", "l", "touche", "touches", "chiffre", "numero", "maintenant", "directement",
    "simplement", "alors", "donc", "ensuite",
    "the", "on", "key", "keys", "button", "number", "digit", "now", "just", "simply", "in",
    "el", "tecla",
})
_QUOTES = frozenset('"«»“”\'')
_RANGE_OPENERS = frozenset({"de", "from", "entre", "between"})
_RANGE_WORDS = frozenset({"a", "au", "to", "through", "thru", "-", "–", "jusqu"})
_LIST_WORDS = frozenset({"ou", "et", "or", "and", "o", "y"})
#: words that may follow an announced key: the request ends, or says what the key is for
_FOLLOWERS = frozenset({
    "pour", "afin", "si", "ou", "et", "puis", "maintenant", "directement", "immediatement", "svp",
    "apres", "avant", "pendant", "lorsque", "quand", "sinon", "selon", "suivant", "suivi", "suivie",
    "for", "to", "if", "or", "and", "then", "now", "please", "immediately", "directly", "after", "before",
    "during", "when", "while", "anytime", "again", "instead", "otherwise", "at", "depending", "according",
    "followed",
    "para", "o", "y", "ahora",
})
#: a key request that ends in "... at any time", "... de votre clavier"
_TAILS = (("a", "tout", "moment"), ("at", "any", "time"), ("de", "votre"), ("sur", "votre"), ("de", "ton"),
          ("on", "your"), ("s", "il"), ("en", "fin"), ("en", "cours"), ("en", "ligne"))
_TAIL_STARTS = frozenset(tail[0] for tail in _TAILS)
#: "de votre clavier": "de" is only a follower in these tails, never alone ("tapez 1 de 9h à 12h")
_PAST = frozenset({"avez", "as", "avons", "ayez", "aviez", "choisi", "choisie", "have", "ve", "had", "has", "chose",
                   "chosen", "selected", "picked", "pressed", "entered", "dialled", "dialed"})
#: "suivi de la touche dièse", "followed by the pound key": a key that ends an entry, not a choice
_TERMINATOR_BEFORE = (("suivi", "de"), ("suivie", "de"), ("suivis", "de"), ("termine", "par"), ("followed", "by"))
_NEGATIONS = frozenset({"ne", "n", "not", "t", "never", "jamais", "no"})
_INTROS_BEFORE_COMMA = frozenset({"pour", "si", "for", "if", "to", "para"})
_UNITS = frozenset({
    "h", "heure", "heures", "hour", "hours", "hrs", "am", "pm", "min", "mn", "minute", "minutes",
    "seconde", "secondes", "second", "seconds", "sec", "s", "jour", "jours", "day", "days", "semaine",
    "semaines", "week", "weeks", "mois", "month", "months", "an", "ans", "annee", "annees", "year", "years",
    "euro", "euros", "dollars", "pounds", "cents", "centimes", "chiffres", "chiffre", "digits", "digit",
    "caracteres", "characters", "fois", "times", "personnes", "people", "callers", "appels", "calls",
    "bis", "ter", "rue", "avenue", "place", "etage", "floor", "%", "€", "$", "£",
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
})
_SENTENCE_END = frozenset(".!?…")
_CLAUSE_END = frozenset(".!?…;:")

#: apostrophes are no tokens: "l'option", "n'importe": the elided word stays a word of its own
_TOKEN_RE = _lazy.compile(
    r"(?P<gap>\{[^{}\n]{0,80}\})"
    r"|(?P<num>\d+(?:[.:h]\d+)*[^\W\d_]*(?:/\d+[^\W\d_]*)?)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>[*#])"
    r"|(?P<punct>[^\w\s'’`])"
)
_PARTICIPLE_RE = _lazy.compile(r"[éè]e?s?$")
#: words that start a reading in `_Reader.read`: a keypad verb, "touche", "option", "any", "n'importe"
_TRIGGERS = _VERBS | {"touche", "touches", "option", "options", "opcion", "n", "any"}
#: tokens that may be a key (`_Reader.key_at`): a digit and a symbol key are tokens of their own
_KEYISH = frozenset("0123456789*#") | frozenset(_KEY_WORDS) | {"number"}
#: empty tokens past both ends: the readers look a few tokens before and after any token
_PAD = 16


@dataclass(frozen=True)
class KeyMention:
    """A key the prompt names, where (``text[start:end]``), and whether it asks for it."""

    key: str  # "0".."9", "*" or "#"
    start: int
    end: int
    announced: bool  # said as a key to press; False: a bare digit or key name that may be one


@dataclass(frozen=True)
class KeyReading:
    """The keys a prompt names, whether it says 'any key', and its placeholders."""

    mentions: tuple[KeyMention, ...] = ()
    any_key: bool = False  # "appuyez sur une touche", "press any key"
    placeholders: tuple[str, ...] = ()  # ``{...}`` gaps, as written

    @functools.cached_property  # written to the instance's __dict__: allowed on a frozen dataclass
    def announced(self) -> frozenset[str]:
        """Keys the caller is told to press."""
        return frozenset(m.key for m in self.mentions if m.announced)

    @functools.cached_property
    def mentioned(self) -> frozenset[str]:
        """Keys the caller hears named at all, announced or not."""
        return frozenset(m.key for m in self.mentions)

    def first(self, key: str) -> KeyMention | None:
        """The first announcement of `key`."""
        return next((m for m in self.mentions if m.key == key and m.announced), None)


class _Reader:
    """One pass over a prompt's tokens; see the module docstring for what it reads.

    The tokens are kept as parallel lists (kind, folded text, match), made by one regular
    expression pass; `lows` and `kinds` hold `_PAD` empty entries after the last token, which
    index -1 .. -_PAD also reach: a look before the first token or past the last is "".
    """

    def __init__(self, text: str):
        self.text = text
        folded = fold(text)
        lowered = text.lower()
        self.raw_text = lowered if len(lowered) == len(text) else folded  # keeps accents: "tapé" is not "tape"
        self.matches = matches = list(_TOKEN_RE.finditer(folded))
        self.count = len(matches)
        pad = [""] * _PAD
        self.lows = [m.group() for m in matches] + pad
        self.kinds = [m.lastgroup for m in matches] + pad
        #: indexes where `key_at` may find a key: the passes below look only there
        self.keyish = [i for i, low in enumerate(self.lows) if low in _KEYISH]
        self.found: dict[tuple[int, str], KeyMention] = {}  # (token index, key) -> mention (announced wins)
        self.taken: set[int] = set()  # token indexes already read as keys
        self.verb_keys: set[int] = set()  # token indexes of keys read after a verb, "touche" or "option"
        self.any_key = False

    # -- token helpers --------------------------------------------------------------------
    def raw(self, i: int) -> str:
        """Token i as written, lower case."""
        start, end = self.matches[i].span()
        return self.raw_text[start:end]

    def key_at(self, i: int) -> tuple[str, int] | None:
        """The key said at token i and the index after it ("number sign", "the star key")."""
        if not 0 <= i < self.count:
            return None
        kind, low, lows = self.kinds[i], self.lows[i], self.lows
        if kind == "num" and len(low) == 1:
            key = low
        elif kind == "sym":
            key = low
        elif kind == "word" and low in _KEY_WORDS:
            key = _KEY_WORDS[low]
        elif low == "number" and lows[i + 1] == "sign":
            return "#", i + 2
        else:
            return None
        nxt = i + 1
        while lows[nxt] in _QUOTES:
            nxt += 1
        if lows[nxt] in _KEY_NOUNS:
            nxt += 1
        return key, nxt

    def ends_request(self, i: int) -> bool:
        """True when the request for a key is over at token i (what follows is not part of the key)."""
        if i >= self.count:
            return True
        kind, low = self.kinds[i], self.lows[i]
        if kind == "punct":
            return low not in "/&+=@"
        if kind != "word":
            return False  # another digit (a phone number, a code), a placeholder
        if low in _TAIL_STARTS:
            lows = self.lows
            if any(tuple(lows[i + k] for k in range(len(tail))) == tail for tail in _TAILS):
                return True
        return low in _FOLLOWERS

    def negated(self, verb: int) -> bool:
        lows = self.lows
        return lows[verb - 1] in _NEGATIONS or lows[verb - 2] in ("do", "don") and lows[
            verb - 1] in _NEGATIONS or lows[verb + 1] in ("pas", "jamais")

    def past(self, i: int) -> bool:
        """"vous avez tapé 3", "you have selected option 2": a key already pressed."""
        lows = self.lows
        return lows[i - 1] in _PAST or lows[i - 2] in _PAST or lows[i - 3] in _PAST

    def terminator(self, i: int) -> bool:
        """"suivi de la touche dièse": the words before token i name a key that ends an entry."""
        lows = self.lows
        k = i - 1
        while lows[k] in ("la", "le", "the", "l"):
            k -= 1
        return (lows[k - 1], lows[k]) in _TERMINATOR_BEFORE

    # -- reading ------------------------------------------------------------------------
    def add(self, keys: list[tuple[str, int, int]], announced: bool) -> None:
        matches = self.matches
        for key, first, last in keys:
            old = self.found.get((first, key))
            if old is None or (announced and not old.announced):
                self.found[first, key] = KeyMention(key, matches[first].start(), matches[last - 1].end(), announced)
                self.taken.add(first)

    def key_list(self, i: int, range_open: bool = False) -> tuple[list[tuple[str, int, int]], int] | None:
        """Keys said from token i on ("1", "1, 2 ou 3", "1 à 3", "entre 1 et 4") and where the request ends.

        A list element that the request does not end after is left out ("tapez 1, un conseiller
        vous répond": the list is "1"), as the list always ends at a separator.
        """
        first = self.key_at(i)
        if first is None:
            return None
        lows = self.lows
        groups = [([(first[0], i, first[1])], first[1])]  # (keys, where the request would end after them)
        j = first[1]
        while j < self.count:
            last = groups[-1][0][-1][0]
            if last.isdigit() and (lows[j] in _RANGE_WORDS or (range_open and lows[j] in ("et", "and"))):
                step = j + (2 if lows[j] == "jusqu" and lows[j + 1] in ("a", "au") else 1)
                upper = self.key_at(step)
                if upper and upper[0].isdigit() and int(upper[0]) > int(last):
                    span = [(str(d), step, upper[1]) for d in range(int(last) + 1, int(upper[0]) + 1)]
                    groups.append((span, upper[1]))
                    j = upper[1]
                    continue
            k = j + 1 if lows[j] == "," else j
            k = k + 1 if lows[k] in _LIST_WORDS else k
            if k > j:
                for _ in range(2):  # "appuyez sur 1 ou sur 2", "tapez 1 ou la touche 2"
                    k = k + 1 if lows[k] in ("sur", "le", "la", "touche", "the", "on") else k
            nxt = self.key_at(k) if k > j else None
            if nxt is None:
                break
            groups.append(([(nxt[0], k, nxt[1])], nxt[1]))
            j = nxt[1]
        while len(groups) > 1 and not self.ends_request(groups[-1][1]):
            groups.pop()
        return [key for keys, _ in groups for key in keys], groups[-1][1]

    def after_verb(self, verb: int) -> None:
        lows = self.lows
        j = verb + 1
        if lows[j] in _LIST_WORDS and (lows[j + 1] in _VERBS or lows[j + 1] in _SAY):
            j += 2  # "press or say 3", "tapez ou dites 3"
        range_open = False
        if (lows[j], lows[j + 1]) in (("un", "chiffre"), ("un", "numero"), ("a", "number"), ("a", "digit"),
                                      ("un", "numero")) and lows[j + 2] in _RANGE_OPENERS:
            j += 2  # "tapez un chiffre de 1 à 4"
        for _ in range(5):
            word = lows[j]
            if word in _RANGE_OPENERS:
                range_open = True
            elif word == "number" and lows[j + 1] == "sign":
                break
            elif word not in _FILLERS and word not in _QUOTES:
                break
            j += 1
        if self.says_any_key(j):
            self.any_key = True
            return
        read = self.key_list(j, range_open)
        if read is None:
            return
        keys, end = read
        if not self.ends_request(end):
            return
        announced = not self.negated(verb) and not self.past(verb)
        self.add(keys, announced)
        if announced:
            self.verb_keys.update(first for _, first, _ in keys)

    def says_any_key(self, j: int) -> bool:
        lows = self.lows
        pair = (lows[j], lows[j + 1])
        return (pair in (("une", "touche"), ("any", "key"), ("any", "button"), ("a", "key"), ("a", "button"))
                or (pair == ("n", "importe") and lows[j + 2] == "quelle" and lows[j + 3] == "touche"))

    def read(self) -> KeyReading:
        lows = self.lows
        for i in [i for i, low in enumerate(lows) if low in _TRIGGERS]:  # all words: no other token is one
            low = lows[i]
            if low in _VERBS and not _PARTICIPLE_RE.search(self.raw(i)):
                self.after_verb(i)
            elif low in ("touche", "touches") or (low in ("option", "options", "opcion") and not self.past(i)):
                j = i + 1
                if lows[j] in ("numero", "number", "n", "°"):
                    j += 1
                read = self.key_list(j)
                if read and self.ends_request(read[1]):
                    announced = not self.past(i) and not self.terminator(i)
                    self.add(read[0], announced)
                    if announced:
                        self.verb_keys.update(first for _, first, _ in read[0])
            if low in ("n", "any") and self.says_any_key(i):
                self.any_key = True
        if self.keyish:
            self.after_commas()
            self.continued_lists()
            self.bare_mentions()
        mentions = tuple(self.found[i] for i in sorted(self.found))
        kinds = self.kinds
        return KeyReading(mentions, self.any_key, tuple(self.raw(i) for i in range(self.count) if kinds[i] == "gap"))

    def after_commas(self) -> None:
        """Keys that end a "pour X" clause: "Pour un conseiller, le 0.", "pour les analyses le 2,",
        "For billing, 2." (the bare form only beside keys asked for with a verb)."""
        context = bool(self.verb_keys)
        lows = self.lows
        for i in self.keyish:
            if i < 1 or i in self.taken or lows[i] == "un":
                continue
            p, said = i - 1, False
            if lows[p] in ("touche", "key", "tecla"):
                p -= 1
            if lows[p] in ("le", "la", "the", "el"):
                p, said = p - 1, True
            if not said and lows[p] != ",":
                continue
            if self.key_at(i) is None:
                continue
            read = self.key_list(i)
            if read is None or not self.clause_ends(read[1]):
                continue
            start = self.segment_start(p if lows[p] == "," else p + 1)
            if lows[start] in _INTROS_BEFORE_COMMA and self.opens_request(start):
                self.add(read[0], said or context)

    def opens_request(self, start: int) -> bool:
        """The "pour X" part at `start` begins a sentence or clause, or follows another key's part
        ("..., tapez 1, pour Y le 2"), not the middle of a statement ("versées, pour la plupart, le 5")."""
        if start == 0 or self.lows[start - 1] in _CLAUSE_END:
            return True
        before = self.segment_start(start - 1)
        return self.lows[start - 1] == "," and any(k in self.taken for k in range(before, start - 1))

    def segment_start(self, i: int) -> int:
        """Index of the first token of the comma-separated part that ends before token i."""
        kinds, lows = self.kinds, self.lows
        while i > 0 and not (kinds[i - 1] == "punct" and (lows[i - 1] in _CLAUSE_END or lows[i - 1] == ",")):
            i -= 1
        return i

    def clause_ends(self, j: int) -> bool:
        if j >= self.count:
            return True
        if self.kinds[j] == "punct" and self.lows[j] in _CLAUSE_END:
            return True
        return self.lows[j] == "," and (self.lows[j + 1] in _INTROS_BEFORE_COMMA or self.lows[j + 1] in _LIST_WORDS)

    def continued_lists(self) -> None:
        """"Tapez 1 pour X, 2 pour Y ou 3 pour Z": keys after the first, in the same sentence."""
        lows = self.lows
        for i in self.keyish:
            if i < 1:
                continue
            before = i - 2 if lows[i - 1] in ("le", "la", "the", "el") else i - 1  # ", le 2 pour..."
            if i in self.taken or not (lows[before] in _LIST_WORDS or lows[before] in (",", ";")) \
                    or self.key_at(i) is None:
                continue
            start = self.sentence_start(i)
            if not any(start <= k < i for k in self.verb_keys):
                continue
            keys, end = self.key_list(i)
            if lows[end] in ("pour", "for", "to", "si", "if", "para", "afin"):
                self.add(keys, True)

    def sentence_start(self, i: int) -> int:
        kinds, lows = self.kinds, self.lows
        while i > 0 and not (kinds[i - 1] == "punct" and lows[i - 1] in _SENTENCE_END):
            i -= 1
        return i

    def bare_mentions(self) -> None:
        """Digits and key names that may be keys, though not asked for ("1 : les paiements")."""
        kinds, lows = self.kinds, self.lows
        for i in self.keyish:
            if i in self.taken:
                continue
            if kinds[i] == "word" and lows[i] not in _SYMBOL_WORDS:
                continue  # "un", "one" are too common to count as mentions on their own
            found = self.key_at(i)
            if found is None:
                continue
            if kinds[i - 1] == "num" or kinds[i + 1] == "num" or lows[i - 1] == "/" or lows[i + 1] == "/":
                continue  # 01 23 45, 1/2
            if lows[i + 1] in _UNITS or (lows[i - 1] == "sur" and lows[i - 2] in _UNITS):
                continue  # 5 minutes, 7 jours sur 7
            start, end = self.matches[i].span()
            self.found[i, found[0]] = KeyMention(found[0], start, end, False)


def key_named(name: str) -> str | None:
    """The key a word names ("étoile" -> "*", "Zero" -> "0", "7" -> "7"), or None."""
    folded = fold(name.strip())
    if len(folded) == 1 and folded in "0123456789*#":
        return folded
    return _KEY_WORDS.get(folded)


@reader
def read_keys(text: str) -> KeyReading:
    """The keys a prompt names, in order; see the module docstring."""
    if not text:
        return KeyReading()
    return _Reader(text).read()


def sentence_around(text: str, mention: KeyMention, limit: int = 100) -> str:
    """The sentence in which a key is said, for a finding's message ("Pour un conseiller, tapez 3")."""
    start = max(text.rfind(c, 0, mention.start) for c in _SENTENCE_END) + 1
    ends = [p for p in (text.find(c, mention.end) for c in _SENTENCE_END) if p >= 0]
    sentence = " ".join(text[start:min(ends) if ends else len(text)].split())
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rstrip() + "…"
