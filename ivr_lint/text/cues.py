"""What a prompt tells the caller: wait estimate, quieter hours, callback, other channels.

Cheap keyword and pattern tests in French and English, used by the congestion (M4),
closed-message (M5), service-info (M3) and accessibility (M7) rules. Each ``mentions_*``
function returns the span ``(start, end)`` of the first cue it finds in ``text`` (truthy), or
``None``: the span lets a finding quote what was heard. Patterns err towards *not* matching:
a missed cue costs a finding the author can check, a false cue hides a real gap.

Matching runs on a folded copy of the text (lower case, accents and typographic apostrophes
removed) that keeps every character's offset, so spans index the original text.
"""

from __future__ import annotations

import functools
import re

Span = tuple[int, int]
Match = tuple[int, int, str]

# --- folding -------------------------------------------------------------------------------

_FOLD_FROM = "àâäáãåéèêëîïíìôöóòõùûüúÿçñ’‘ʼ´`\u00a0\u202f\u2009"
_FOLD_TO = "aaaaaaeeeeiiiiooooouuuuycn" + "'" * 5 + " " * 3
_FOLD_PAIRS = tuple(zip(_FOLD_FROM, _FOLD_TO, strict=True))


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, drop accents, straighten apostrophes; same length, so offsets hold.

    Prompts are typed with and without accents, with ' or ’: patterns are written once,
    unaccented, and still index the original text. Cached, since every detector folds the
    same prompt; chained ``str.replace`` is six times faster than ``str.translate`` here.
    """
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: keep such letters as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if low.isascii():
        return low
    for accented, plain in _FOLD_PAIRS:
        if accented in low:
            low = low.replace(accented, plain)
    return low


# --- placeholders, web and e-mail addresses --------------------------------------------------

_PLACEHOLDER_RE = re.compile(r"\{[^{}\n]{0,80}\}")

_TLDS = (
    r"fr|com|org|net|eu|info|gouv|gov|uk|be|ch|ca|lu|mc|re|gp|mq|gf|yt|pm|nc|pf|wf|"
    r"io|app|de|es|it|nl|ie|us|edu|int|paris|bzh|alsace|corsica|nhs|scot|wales|cymru|london"
)
_URL_RE = re.compile(
    r"(?<![\w@.-])(?:"
    r"https?://[^\s<>\"]+"  # full URL
    r"|www\.[^\W_][\w-]*(?:\.[^\W_][\w-]*)+(?:/[^\s<>\"]*)?"  # www.anything
    r"|(?:[^\W_][\w-]*\.)+(?:" + _TLDS + r")(?![\w-])(?:/[^\s<>\"]*)?"  # bare domain, known TLD
    r")",
    re.IGNORECASE,
)
_SPOKEN_URL_RE = re.compile(
    r"\b(?:[^\W_][\w-]*\s+(?:point|dot)\s+)+(?:fr|com|org|net|eu|uk|gouv\s+point\s+fr|"
    r"gov\s+dot\s+uk|co\s+dot\s+uk|nhs\s+dot\s+uk|org\s+dot\s+uk)\b",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[^\W_][\w-]*(?:\.[\w-]+)+", re.IGNORECASE)
_SPOKEN_EMAIL_RE = re.compile(
    r"\b[\w.-]+\s+(?:arobase|at)\s+(?:[^\W_][\w-]*\s+(?:point|dot)\s+)+"
    r"(?:fr|com|org|net|eu|uk)\b",
    re.IGNORECASE,
)
_TRAILING_PUNCT_RE = re.compile(r"[.,;:!?)\]»\"']+$")


def find_placeholders(text: str) -> list[Match]:
    """Spans of ``{name}`` placeholders, which the platform fills in at run time."""
    return [(m.start(), m.end(), m.group()) for m in _PLACEHOLDER_RE.finditer(text)]


def _trimmed(text: str, start: int, end: int) -> Match:
    """Drop sentence punctuation glued to the end of an address ("caf.fr.")."""
    raw = text[start:end]
    cut = _TRAILING_PUNCT_RE.search(raw)
    if cut:
        raw = raw[: cut.start()]
    return (start, start + len(raw), raw)


# Cheap tests that a text may hold an address at all, before the full patterns run.
_WRITTEN_ADDRESS_HINT_RE = re.compile(r"[^\W_]\.[^\W\d_]|@")
_SPOKEN_ADDRESS_HINT_RE = re.compile(r"\s(?:point|dot)\s", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _addresses(text: str) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """(e-mail addresses, web addresses) of a text; cached, as numbers, readability and
    the cue detectors all ask about the same prompt."""
    written = _WRITTEN_ADDRESS_HINT_RE.search(text) is not None
    spoken = _SPOKEN_ADDRESS_HINT_RE.search(text) is not None
    if not written and not spoken:
        return (), ()
    emails: list[Match] = []
    if "@" in text:
        emails = [_trimmed(text, m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]
    if spoken:
        for m in _SPOKEN_EMAIL_RE.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in emails):
                emails.append((m.start(), m.end(), m.group()))
        emails.sort()
    webs: list[Match] = []
    for regex in (_URL_RE if written else None, _SPOKEN_URL_RE if spoken else None):
        for m in regex.finditer(text) if regex else ():
            s, e, raw = _trimmed(text, m.start(), m.end())
            if not raw or any(es < e and s < ee for es, ee, _ in emails):
                continue
            if any(fs < e and s < fe for fs, fe, _ in webs):
                continue
            webs.append((s, e, raw))
    webs.sort()
    return tuple(emails), tuple(webs)


def find_email_addresses(text: str) -> list[Match]:
    """E-mail addresses, written (``contact@caf.fr``) or spelled out for speech
    (``contact arobase caf point fr``, ``help at leeds dot gov dot uk``)."""
    return list(_addresses(text)[0])


def find_web_addresses(text: str) -> list[Match]:
    """Web addresses: URLs, ``www.`` names, bare domains with a known top-level domain
    (``caf.fr``, ``leeds.gov.uk``), and spoken forms (``service-public point fr``).

    The domain of an e-mail address is not a web address; file names (``avis.pdf``) are
    not either, hence the list of top-level domains for bare names.
    """
    return list(_addresses(text)[1])


# --- cue patterns ----------------------------------------------------------------------------
# Written against folded text (lower case, no accents, straight apostrophes).

_NUM_FR = (
    r"(?:\d+|\{[^{}]*\}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|"
    r"treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante)"
)
_ORD_FR = (
    r"(?:\d+\s?(?:e|er|ere|eme|ieme)|\{[^{}]*\}(?:\s?(?:e|er|eme|ieme))?|premier|premiere|"
    r"deuxieme|second|seconde|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme|"
    r"neuvieme|dixieme)"
)
_NUM_EN = (
    r"(?:\d+|\{[^{}]*\}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|forty-five|fifty|sixty)"
)
_ORD_EN = (
    r"(?:\d+(?:st|nd|rd|th)|\{[^{}]*\}(?:st|nd|rd|th)?|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth)"
)
_DAYS_FR = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?"
_DAYS_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_HOUR_FR = r"\d{1,2}\s?(?:h|heures?)\b"
_HOUR_EN = r"\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)"
_HOUR_EN_BARE = r"\d{1,2}(?:[:.]\d{2})?(?:\s?(?:am|pm|a\.m\.|p\.m\.))?"
_TIME_FR = (
    r"(?:" + _DAYS_FR + r"|matin\w*|apres-midi|apres midi|soir\w*|midi|debut|fin|milieu|"
    r"semaine|" + _HOUR_FR + r"|\d{1,2}\s+et\s+" + _HOUR_FR + r")"
)
_PLACEHOLDER_WAIT = r"\{\s*(?:wait|queue_position|position|rank|estimated_wait|attente|rang)\w*\s*\}"

_WAIT = {
    "fr": (
        _PLACEHOLDER_WAIT,
        r"\battente\b[^.?!]{0,60}?\b" + _NUM_FR + r"\s*(?:minutes?|min|mn|secondes?|heures?)\b",
        (
            r"\b(?:temps d'attente|attente)\s+(?:est\s+|sera\s+|actuel\s+|moyen\s+)?"
            r"(?:estime|prevu|previsionnel|evalue)"
        ),
        (
            r"\bvous (?:etes|serez)\s+(?:actuellement\s+|maintenant\s+)?(?:le |la |en )?"
            + _ORD_FR
            + r"\s*(?:position|appel|personne|correspondant|en ligne|dans la file|a etre|"
            r"sur la liste|en attente)"
        ),
        r"\b(?:position|rang) dans la file\b",
        r"\bvotre (?:rang|position)\s+(?:est|:)",
        (
            r"\b" + _NUM_FR + r"\s+(?:personnes?|appels?|correspondants?|appelants?)\s+"
            r"(?:sont\s+|est\s+)?(?:en attente\s+)?(?:avant|devant)\s+(?:vous|le votre|votre appel)"
        ),
        (
            r"\b(?:repondra|repondre|sera a vous|sera disponible|prendra votre appel)\s+"
            r"(?:\w+\s+){0,2}?dans\s+(?:environ\s+|moins de\s+|un delai de\s+)?"
            + _NUM_FR
            + r"\s*(?:minutes?|min|secondes?)\b"
        ),
    ),
    "en": (
        _PLACEHOLDER_WAIT,
        r"\b(?:estimated|expected|approximate|predicted)\s+(?:wait|waiting|hold|queue)",
        r"\b(?:wait|waiting|hold)(?: time)?\s+(?:is|will be|of|should be)\s+(?:\w+\s+){0,3}?"
        + _NUM_EN
        + r"\s*(?:minutes?|mins?|seconds?|hours?)\b",
        r"\b" + _NUM_EN + r"[\s-]?(?:minutes?|mins?)\s+(?:wait|waiting|hold)\b",
        r"\byou are\s+(?:currently\s+|now\s+)?(?:number|caller(?: number)?|position)\s+" + _NUM_EN + r"\b",
        r"\byou are\s+(?:currently\s+|now\s+)?(?:the\s+)?"
        + _ORD_EN
        + r"\s+(?:caller\s+|person\s+|in line\s+)?in\s+(?:the\s+)?(?:queue|line)",
        r"\b(?:position|place)\s+in\s+(?:the\s+)?(?:queue|line)\s+is\b",
        (
            r"\b" + _NUM_EN + r"\s+(?:callers?|people|persons?|calls?)\s+(?:waiting\s+)?"
            r"(?:ahead of|before|in front of)\s+(?:you|yours|your call)"
        ),
        (
            r"\b(?:be with you|answer your call|take your call|will answer)\s+(?:\w+\s+){0,2}?"
            r"in\s+(?:about\s+|approximately\s+|around\s+|roughly\s+|less than\s+|under\s+)?"
            + _NUM_EN
            + r"\s*(?:minutes?|mins?|seconds?)\b"
        ),
    ),
}

_QUIETER = {
    "fr": (
        r"\bmoins (?:charge\w*|encombre\w*|sollicite\w*|d'affluence|occupe\w*)",
        (
            r"\b(?:periodes?|heures?|moments?|creneaux?|jours?|horaires?)\s+(?:les\s+)?"
            r"(?:plus calmes?|creuses?|de (?:moindre|faible) affluence|les moins charge\w*)"
        ),
        (
            r"\b(?:rappel\w*|appel\w*|contact\w*|joindre|joignez)(?:[ -]nous)?\s+"
            r"(?:de preference|plutot|idealement|en priorite)\s+(?:[\w']+\s+){0,3}?" + _TIME_FR
        ),
        (
            r"\bevit(?:er|ez|ant)\s+(?:de nous appeler\s+|d'appeler\s+|de (?:nous )?rappeler\s+)?"
            r"(?:[\w']+\s+){0,2}?(?:" + _DAYS_FR + r"|debut de (?:semaine|mois)|heures? de pointe|"
            r"pics?|periodes? de forte affluence|mi-journee|pause dejeuner)"
        ),
        (
            r"\b(?:plus|tres|particulierement|fortement|davantage)\s+(?:charge\w*|sollicite\w*|"
            r"encombre\w*)\s+(?:le |les |en |entre |avant |apres |du |au |a |chaque |tous les )?" + _TIME_FR
        ),
        (
            r"\b(?:forte|grande|plus forte|plus grande)\s+affluence\s+(?:le |les |en |entre |"
            r"avant |apres |du |au |chaque |tous les )" + _TIME_FR
        ),
        (
            r"\b(?:meilleur\w*|bon\w*)\s+(?:moments?|creneaux?|periodes?|heures?|horaires?|jours?)\s+"
            r"pour\s+(?:nous\s+)?(?:appeler|joindre|contacter|rappeler)"
        ),
        r"\battente\s+(?:est\s+)?(?:plus courte|moins longue|reduite|plus faible)",
    ),
    "en": (
        r"\bquiet(?:er|est)\b",
        r"\b(?:less|not as|least) busy\b",
        r"\boff[- ]peak\b",
        (
            r"\b(?:best|better|good|ideal)\s+(?:time|day|period)s?\s+to\s+"
            r"(?:call|ring|phone|contact|reach|get through)"
        ),
        (
            r"\bbusiest\s+(?:(?:times?|periods?|days?|hours?)\s+(?:are|is)\b|on\b|between\b|"
            r"before\b|during\b|first thing\b|in the (?:morning|afternoon)\b|at\b)"
        ),
        (
            r"\b(?:call|ring|phone|try)(?:\s+(?:us|back|again|calling))*\s+(?:on\s+(?:a\s+)?"
            + _DAYS_EN
            + r"|on\s+(?:a\s+)?(?:weekday|weekend)s?|in the (?:afternoon|evening)|"
            r"(?:after|between|before)\s+(?:"
            + _HOUR_EN
            + r"|\d{1,2}\s+and\s+"
            + _HOUR_EN
            + r"|lunch|noon|midday)|mid-?(?:morning|afternoon|week))"
        ),
        (
            r"\b(?:waiting|wait)(?: times?)?\s+(?:are|is)\s+(?:usually\s+|generally\s+|often\s+)?"
            r"(?:shorter|lower|reduced)"
        ),
        (
            r"\bavoid\s+(?:calling\s+)?(?:on\s+)?(?:" + _DAYS_EN + r"|lunchtime|peak times?|"
            r"the busiest|first thing)"
        ),
        r"\boutside\s+(?:of\s+)?(?:peak|busy)\s+(?:times?|hours|periods?)",
    ),
}

_CALLBACK = {
    "fr": (
        r"\betre rappele\w*",
        r"\bvous rappell?er(?:ons|a|ont)\b",
        (
            r"\b(?:pouvons|peut|pourra|pourrons|pourrait|souhaitez|voulez|desirez|proposons|"
            r"propose|allons|va|vont|afin de|pour|puissions|puisse)\s+vous rappeler\b"
            r"(?!\s+(?:que\b|qu'|vos\b|votre\b|nos\b|notre\b|l'importance))"
        ),
        (
            r"\b(?:conseiller|agent|conseillere|quelqu'un|equipe|service)\s+vous rappelle\s+"
            r"(?:dans|sous|au|gratuitement|rapidement|des|en)\b"
        ),
        r"\b(?:demande\w*|proposition|service|option|offre|prise)\s+(?:de |d'un |un )?rappel\b",
        r"\brappel\s+(?:gratuit|automatique|telephonique|immediat)\b",
        r"\b(?:etre recontacte\w*|vous recontacter\w*)",
        r"\brendez[- ]vous telephonique",
        r"\blaiss(?:ez|er)\s+(?:nous\s+)?(?:vos coordonnees|votre numero|votre nom et votre numero)",
    ),
    "en": (
        r"\bcall-?backs?\b",
        r"\b(?:a|request|arrange|book|free|receive|schedule)\s+call back\b",
        (
            r"\b(?:we|we'll|we'd|us to|advisor|adviser|agent|someone|team|officer|they)\b"
            r"(?:\s+\w+){0,3}?\s+(?:call|ring|phone)\s+you\b"
        ),
        r"\b(?:to be|be|get|being)\s+(?:called|rung|phoned)\s+back\b",
        r"\b(?:keep|hold|save)\s+your\s+place\s+in\s+(?:the\s+)?(?:queue|line)",
        r"\b(?:telephone|phone)\s+appointment",
        (
            r"\bleave\s+your\s+(?:number|phone number|telephone number|name and number|"
            r"contact details|details)"
        ),
    ),
}

_ONLINE = {
    "fr": (
        (
            r"\bespace\s+(?:personnel|perso|prive|securise|client|usager|allocataire|assure|"
            r"particulier|professionnel|numerique|en ligne)"
        ),
        (
            r"\bcompte\s+(?:ameli|caf|en ligne|personnel|particulier|usager|client|impots|"
            r"fiscal|msa|retraite|formation)\b"
        ),
        r"\bmessagerie\s+(?:securisee|en ligne|instantanee)",
        r"\bformulaire\s+(?:de contact|en ligne|web|internet|de demande en ligne)",
        r"\bsite\s+(?:internet|web)\b",
        r"\bsur\s+(?:internet|le site|l'application|notre site)\b",
        r"\bpar\s+(?:courriel|e-?mail|mail|messagerie|courrier electronique|internet)\b",
        r"\ben ligne\s+sur\b",
        (
            r"\b(?:pa[yi]\w*|declar\w*|fai(?:re|tes)|effectu\w*|consult\w*|telecharg\w*|"
            r"demand\w*|signal\w*|modifi\w*|suivre|suivez|ger(?:er|ez))\b[^.?!]{0,30}?\ben ligne\b"
        ),
        r"\b(?:demarches?|services?|teleservices?|procedures?|simulateurs?)\s+en ligne\b",
        r"\b(?:application|appli)\s+(?:mobile|smartphone)\b",
        r"\b(?:tchat|chat|webchat|teleservices?|courriel|e-?mail|franceconnect|france connect)\b",
    ),
    "en": (
        r"\bonline\b",
        (
            r"\b(?:by|via)\s+e-?mail\b|\be-?mail\s+us\b|\bsend\s+(?:us\s+)?an\s+e-?mail\b|"
            r"\bour\s+e-?mail\s+address\b"
        ),
        r"\bweb ?sites?\b|\bweb ?pages?\b",
        r"\b(?:web ?chat|live chat|web form|contact form|online form)\b",
        r"\bsecure messag\w*",
        r"\b(?:the|our|mobile)\s+(?:\w+\s+)?app\b",
        r"\binternet\b",
    ),
}

_ACCESSIBLE = {
    "fr": (
        r"\bsourd(?:e|s|es)?\b|\bmalentendant\w*|\bsourdaveugle\w*|\bsourds?-aveugles?\b",
        (
            r"\baphasique\w*|\bdeficien\w*\s+auditi\w*|\bhandicap auditif|\btroubles?\s+"
            r"(?:de l'audition|auditifs?|de la parole)"
        ),
        r"\blangue des signes\b|\blsf\b|\blfpc\b|\blangue francaise parlee completee|\bcode lpc\b",
        (
            r"\btranscription\b(?!\s+(?:d'une? |d'|de l'|de votre |de vos |du |des |de )?"
            r"(?:actes?|naissance|mariage|divorce|jugement|deces|pacs))"
        ),
        r"\bsous-titr\w*|\bvisio-?interpret\w*",
        r"\b(?:acceo|elioz|rogervoice|deafi|tadeo)\b",
    ),
    "en": (
        r"\bdeaf\w*|\bhard of hearing\b|\bhearing[- ](?:impair\w*|loss|difficult\w*)",
        r"\bspeech[- ](?:impair\w*|difficult\w*)",
        (
            r"\brelay uk\b|\btext ?relay\b|\bnext generation text\b|\bngt\b|\btextphone\b|"
            r"\bminicom\b|\btty\b|\btypetalk\b"
        ),
        r"\bsign language\b|\bbsl\b|\bsign ?video\b|\binterpreternow\b|\bvideo relay\b",
        r"\blive caption\w*|\bcaptioned\b",
        r"\b(?:acceo|elioz|rogervoice)\b",
    ),
}

_HOURS = {
    "fr": (
        r"\bhoraires?\b",
        r"\b(?:heures|jours) d'(?:ouverture|accueil)\b",
        r"\bnous sommes\s+(?:ouverts?|ouvertes?|joignables?|a votre ecoute)\b",
        (
            r"\b(?:ouverts?|ouvertes?|joignables?|accessibles?|disponibles?|a votre (?:ecoute|"
            r"disposition))\s+(?:du|de|des|tous|toute|entre|en semaine|\d|(?:le|les)\s+" + _DAYS_FR + r")"
        ),
        r"\bdu\s+" + _DAYS_FR + r"\s+au\s+" + _DAYS_FR,
        r"\b(?:de|entre)\s+\d{1,2}\s?h(?:\s?\d{2})?\s+(?:a|et)\s+\d{1,2}\s?h",
        r"\b" + _DAYS_FR + r"\s+(?:matin\s+|apres-midi\s+)?de\s+\d{1,2}\s?h",
    ),
    "en": (
        r"\bwe(?: are|'re)\s+open\b",
        r"\b(?:opening|office|business|contact|phone|telephone|line|lines)\s+(?:hours|times)\b",
        r"\bhours of (?:business|operation)\b",
        (
            r"\bopen\s+(?:from|between|on\s+" + _DAYS_EN + r"|" + _DAYS_EN + r"|mon\b|weekdays|"
            r"daily|every|\d|24)"
        ),
        (
            r"\b(?:lines|offices?|advisors|advisers|team|helpline|service)\s+(?:are|is)\s+"
            r"(?:\w+\s+)?(?:open|available|staffed)\s+(?:from|between|on|" + _DAYS_EN + r"|weekdays|\d|24)"
        ),
        r"\b(?:monday|mon)\s*(?:to|-|through|till|until)\s*(?:friday|fri|saturday|sat|sunday)\b",
        r"\b(?:from|between)\s+" + _HOUR_EN_BARE + r"\s+(?:to|and|until|till)\s+" + _HOUR_EN,
        r"\b" + _HOUR_EN + r"\s*(?:to|until|till|-)\s*" + _HOUR_EN,
    ),
}


# Words one of which every phrase of a table contains (folded). A prompt with none of them
# skips the full pattern: a literal alternation is scanned several times faster than
# phrases that start with \b or a number word. Add a trigger with every new phrase.
_DIGITS = tuple("0123456789")
_TRIGGERS: dict[str, dict[str, tuple[str, ...]]] = {
    "wait": {
        "fr": ("{", "attente", "vous etes", "vous serez", "dans la file", "votre rang",
               "votre position", "avant", "devant", "repond", "sera a vous", "sera disponible",
               "prendra votre appel"),
        "en": ("{", "wait", "hold", "queue", "you are", "line", "ahead of", "before",
               "in front of", "be with you", "answer your call", "take your call", "will answer"),
    },
    "quieter": {
        "fr": ("moins", "calme", "creuse", "affluence", "de preference", "plutot", "idealement",
               "en priorite", "evit", "charge", "sollicite", "encombre", "meilleur", "bon",
               "attente"),
        "en": ("quiet", "busy", "busiest", "peak", "time", "day", "period", "call", "ring",
               "phone", "try", "wait", "avoid", "outside"),
    },
    "callback": {
        "fr": ("rappel", "recontact", "rendez", "laiss"),
        "en": ("call", "ring", "phone", "rung", "place in", "appointment", "leave your"),
    },
    "online": {
        "fr": ("espace", "compte", "messagerie", "formulaire", "site", "sur ", "par ",
               "en ligne", "appli", "chat", "teleservice", "courriel", "mail", "france"),
        "en": ("online", "mail", "web", "chat", "form", "secure messag", "app", "internet"),
    },
    "accessible": {
        "fr": ("sourd", "malentend", "aphasi", "deficien", "handicap", "trouble", "signes",
               "lsf", "lfpc", "completee", "lpc", "transcription", "sous-titr", "interpret",
               "acceo", "elioz", "rogervoice", "deafi", "tadeo"),
        "en": ("deaf", "hearing", "speech", "relay", "ngt", "next generation", "textphone",
               "minicom", "tty", "typetalk", "sign", "interpreternow", "caption", "acceo",
               "elioz", "rogervoice"),
    },
    "hours": {
        "fr": ("horaire", "d'ouverture", "d'accueil", "nous sommes", "ouvert", "joignable",
               "accessible", "disponible", "a votre", "lundi", "mardi", "mercredi", "jeudi",
               "vendredi", "samedi", "dimanche") + _DIGITS,
        "en": ("open", "hours", "times", "mon", "available", "staffed") + _DIGITS,
    },
}  # fmt: skip


def _compile(name: str, table: dict[str, tuple[str, ...]]) -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per language: (trigger words, one alternation of every phrase)."""
    return {
        lang: (
            re.compile("|".join(re.escape(t) for t in _TRIGGERS[name][lang])),
            re.compile("|".join(f"(?:{p})" for p in pats)),
        )
        for lang, pats in table.items()
    }


_WAIT_RE = _compile("wait", _WAIT)
_QUIETER_RE = _compile("quieter", _QUIETER)
_CALLBACK_RE = _compile("callback", _CALLBACK)
_ONLINE_RE = _compile("online", _ONLINE)
_ACCESSIBLE_RE = _compile("accessible", _ACCESSIBLE)
_HOURS_RE = _compile("hours", _HOURS)


def _lang_key(lang: str) -> str:
    """ "en", "en-GB" → "en"; anything else → "fr" (the package's fallback)."""
    return "en" if lang[:2].lower() == "en" else "fr"


def _search(table: dict[str, tuple[re.Pattern[str], re.Pattern[str]]], text: str, lang: str) -> Span | None:
    """First phrase of ``table`` in ``text``, tried only when a trigger word is there."""
    trigger, phrases = table[_lang_key(lang)]
    folded = fold(text)
    if not trigger.search(folded):
        return None
    m = phrases.search(folded)
    return (m.start(), m.end()) if m else None


def mentions_wait_estimate(text: str, lang: str) -> Span | None:
    """An estimated wait or the caller's queue position, as M4 (a) asks: a number or a
    ``{wait_minutes}`` / ``{queue_position}`` placeholder, not a bare "please hold"."""
    return _search(_WAIT_RE, text, lang)


def mentions_quieter_hours(text: str, lang: str) -> Span | None:
    """A pointer to quieter hours, M4 (b): "lines are quieter after 2pm", "rappelez de
    préférence entre 14h et 16h". "Nos lignes sont saturées" alone does not redirect."""
    return _search(_QUIETER_RE, text, lang)


def mentions_callback(text: str, lang: str) -> Span | None:
    """An offer to call the caller back, M4 (c). "Rappelez plus tard" / "please call back
    later" asks the caller to do the work and "nous vous rappelons que" is a reminder:
    neither counts."""
    return _search(_CALLBACK_RE, text, lang)


def mentions_online_contact(text: str, lang: str) -> Span | None:
    """Another way to reach the service (M3, M5): a web or e-mail address, an online
    account, a secure message, a contact form. "Restez en ligne" is not one."""
    emails, webs = _addresses(text)
    spans = [(s, e) for s, e, _ in emails + webs]
    phrase = _search(_ONLINE_RE, text, lang)
    if phrase:
        spans.append(phrase)
    return min(spans) if spans else None


def mentions_accessible_channel(text: str, lang: str) -> Span | None:
    """An adapted channel for deaf, hard-of-hearing or aphasic callers (M7, loi 2005-102
    art. 78): sign language, transcription, relay services named by brand."""
    return _search(_ACCESSIBLE_RE, text, lang)


def mentions_opening_hours_words(text: str, lang: str) -> Span | None:
    """Whether the prompt talks about opening hours at all: a cheap keyword test for M3.
    It does not read the hours; ``hours.py`` parses them for the mismatch rule."""
    return _search(_HOURS_RE, text, lang)
