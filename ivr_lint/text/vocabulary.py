"""The words prompts use for cues, grouped by what they mean, and their inflected forms.

Cue reading (``text/cues.py``) matches on lemmas and word classes, not on phrasings: "chargées",
"chargé" and "chargés" are one word to it, as are "quieter" and "quietest" (whose degree it
reads from the ending). The inflected forms come from simplemma, a dictionary lemmatiser, but
importing it and loading its French dictionary costs about a quarter of a second, more than a
small ``check`` may take. So ``_forms.py`` holds, for the lemmas below only, every form
simplemma knows; ``python -m ivr_lint.text.vocabulary`` regenerates it after the lists change,
and a test compares it with simplemma live.

Lemmas are written as simplemma spells them (with accents); matching folds both sides (lower
case, no accents), so a prompt typed without accents reads the same.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

#: concept -> lemmas, per language. A concept is a word class the cue readers ask about.
VOCABULARY: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        # load and waiting: words whose comparison points to quieter or busier times
        "load_high": ("chargé", "affluence", "afflux", "encombré", "encombrer", "fréquenté", "fréquenter",
                      "solliciter", "sollicité", "occupé", "saturer", "saturé", "saturation", "pointe",
                      "engorgé", "trafic", "nombreux", "monde", "demande", "fréquentation", "pic", "difficile",
                      "difficilement",
                      "surcharge", "surchargé", "surcharger", "charger", "occuper", "engorger", "encombrement"),
        "load_low": ("calme", "creux", "creuser", "fluide", "disponible", "disponibilité", "tranquille",
                     "dégagé", "dégager", "accalmie", "calmer", "facile", "facilement", "aisément"),
        "waiting": ("attente", "attendre", "patienter", "file"),
        "size_high": ("long", "longtemps", "fort", "grand", "important", "élevé", "allonger"),
        "size_low": ("court", "faible", "moindre", "réduire", "réduit", "bref", "rapide", "limité",
                     "raccourcir", "diminuer", "limiter", "rapidement", "vite"),
        "more": ("plus", "davantage", "surtout"),
        "less": ("moins",),
        "very": ("très", "particulièrement", "fortement", "généralement", "souvent", "habituellement",
                 "traditionnellement", "toujours", "beaucoup"),
        "advice": ("préférence", "plutôt", "idéalement", "priorité", "privilégier", "préférer", "conseiller",
                   "recommander", "recommandé", "inviter", "meilleur", "idéal", "mieux", "propice",
                   "favorable", "opportun", "suggérer", "préférable", "essayer", "tenter", "opter",
                   "favoriser", "encourager"),
        "avoid": ("éviter",),
        "hesitate": ("hésiter",),
        "call": ("appeler", "rappeler", "contacter", "recontacter", "joindre", "téléphoner", "appel",
                 "joignable", "composer"),
        "time_noun": ("période", "moment", "créneau", "jour", "heure", "horaire", "plage", "journée",
                      "tranche"),
        "change": ("réduire", "réduit", "diminuer", "raccourcir", "allonger", "augmenter", "moindre"),
        # wait estimate
        "estimate": ("estimer", "estimation", "prévoir", "évaluer", "environ", "approximativement",
                     "prévisionnel", "moyen", "actuellement", "estimatif"),
        "answer": ("répondre", "décrocher", "réponse", "relation", "servir", "disponible", "traiter", "charge"),
        "rank": ("position", "rang", "place", "ordre"),
        "people": ("personne", "appel", "correspondant", "appelant", "usager", "client", "demandeur"),
        "ahead": ("avant", "devant", "précéder"),
        "unit": ("minute", "min", "mn", "seconde", "second", "seconder", "heure", "sec"),
        "vague": ("quelque", "quelques", "plusieurs", "certain"),
        # callback
        "callback_verb": ("rappeler", "recontacter"),
        "callback_noun": ("rappel",),
        "offer": ("proposer", "offrir", "demander", "demande", "souhaiter", "vouloir", "désirer", "programmer",
                  "planifier", "réserver", "choisir", "bénéficier", "obtenir", "gratuit", "automatique",
                  "service", "option", "proposition", "taper", "appuyer", "solliciter", "prise", "offre",
                  "pouvoir", "immédiat", "téléphonique", "enregistrer"),
        "agent": ("conseiller", "conseillère", "agent", "équipe", "service", "quelqu'un", "technicien",
                  "collaborateur", "interlocuteur", "gestionnaire", "opérateur", "opératrice"),
        "modal": ("pouvoir", "aller", "devoir", "pouvons", "souhaiter", "vouloir", "désirer", "proposer"),
        "details": ("coordonnée", "numéro", "nom"),
        "leave": ("laisser", "indiquer", "communiquer", "enregistrer", "saisir"),
        # other contact
        "online_space": ("espace", "compte", "messagerie", "formulaire", "site", "application", "appli",
                         "portail", "plateforme"),
        "online_word": ("internet", "web", "tchat", "chat", "webchat", "téléservice", "courriel", "mail",
                        "e-mail", "email", "franceconnect", "mél", "visio", "visioconférence"),
        "procedure": ("démarche", "payer", "déclarer", "faire", "effectuer", "consulter", "télécharger",
                      "demander", "signaler", "modifier", "suivre", "gérer", "service", "téléservice",
                      "simulateur", "procédure", "remplir", "accomplir", "réaliser", "actualiser",
                      "renouveler", "imprimer", "disponible", "accessible", "inscrire", "réserver",
                      "prendre", "formulaire", "paiement", "déclaration", "demande", "réclamation",
                      "attestation", "simulation"),
        "counter": ("accueil", "guichet", "agence", "bureau", "mairie", "permanence", "antenne", "centre",
                    "maison", "siège", "hôtel", "point"),
        "visit": ("rendre", "venir", "présenter", "accueillir", "recevoir", "déplacer", "situer",
                  "trouver", "adresse", "visiter", "déposer", "passer", "retrouver", "rencontrer"),
        "connect": ("connecter", "identifier", "authentifier", "accéder", "inscrire", "utiliser"),
        "street": ("rue", "avenue", "boulevard", "bd", "place", "chemin", "allée", "impasse", "quai",
                   "cours", "route", "square", "esplanade", "parvis", "rond-point"),
        # accessible channel
        "deaf": ("sourd", "sourde", "sourdre", "malentendant", "sourdaveugle", "aphasique", "sourd-aveugle", "sourd-muet",
                 "dysphasique", "bègue", "surdité"),
        "impairment": ("déficient", "déficience", "handicap", "trouble"),
        "hearing": ("auditif", "audition", "parole", "ouïe"),
        "sign_channel": ("lsf", "lfpc", "lpc", "sous-titrage", "sous-titrer", "sous-titré",
                         "visio-interprétation", "visio-interprète", "vélotypie", "acceo", "elioz",
                         "rogervoice", "deafi", "tadeo"),
        "transcription": ("transcription", "transcrire"),
        "accessible_vague": ("accessibilité", "handicap", "adapté", "adapter"),
    },
    "en": {
        "load_high": ("busy", "peak", "demand", "congest", "crowd", "traffic", "volume", "heavy", "high",
                      "surge", "rush", "hard", "difficult"),
        "load_low": ("quiet", "calm", "light", "low", "off-peak", "available", "free", "easy", "easily"),
        "waiting": ("wait", "queue", "hold"),
        "size_high": ("long", "high", "heavy"),
        "size_low": ("short", "low", "fast", "quick", "reduce", "light", "few", "quickly", "shorten", "drop"),
        "more": ("more", "most"),
        "less": ("less", "fewer"),
        "very": ("very", "particularly", "especially", "usually", "generally", "often", "typically",
                 "always", "extremely", "normally", "really", "much"),
        "advice": ("try", "good", "ideal", "recommend", "suggest", "advise", "prefer", "preferably",
                   "ideally", "encourage", "worth", "best", "better"),
        "avoid": ("avoid",),
        "hesitate": ("hesitate",),
        "call": ("call", "ring", "phone", "contact", "reach", "dial", "telephone"),
        "time_noun": ("time", "period", "day", "hour", "moment", "slot"),
        "change": ("reduce", "shorten", "drop", "fall", "lengthen", "increase", "rise"),
        "estimate": ("estimate", "expect", "approximate", "predict", "approximately", "around", "about",
                     "roughly", "average", "currently"),
        "answer": ("answer", "pick", "respond", "response", "connect", "available", "serve", "speak", "talk",
                   "transfer"),
        "rank": ("position", "place", "number", "rank"),
        "people": ("caller", "people", "person", "call", "customer"),
        "ahead": ("ahead", "before", "front"),
        "unit": ("minute", "min", "second", "hour", "mins"),
        "vague": ("few", "several", "some", "couple"),
        "callback_verb": ("call", "ring", "phone", "contact"),
        "callback_noun": ("callback", "call-back"),
        "offer": ("request", "arrange", "book", "free", "receive", "schedule", "offer", "like", "want",
                  "choose", "press", "select", "ask", "option", "get"),
        "agent": ("we", "we'll", "we'd", "us", "advisor", "adviser", "agent", "someone", "team", "officer",
                  "they", "one", "member", "staff", "colleague", "nurse", "representative"),
        "modal": ("can", "will", "could", "would", "may", "shall", "should"),
        "details": ("number", "detail", "name"),
        "leave": ("leave", "give", "enter", "record"),
        "online_space": ("account", "portal", "app", "website", "site", "form", "page", "platform"),
        "online_word": ("online", "web", "webchat", "chat", "email", "e-mail", "internet", "website",
                        "web-site"),
        "procedure": (),
        "counter": ("office", "desk", "counter", "branch", "centre", "center", "hub", "library", "hall",
                    "reception", "shop"),
        "visit": ("visit", "come", "drop", "pop", "call", "find", "locate", "walk", "bring", "take"),
        "connect": ("log", "sign", "access", "use", "download", "register"),
        "street": ("street", "road", "avenue", "lane", "square", "place", "way", "drive", "terrace",
                   "parade", "row", "close", "crescent"),
        "deaf": ("deaf", "deafblind", "hard-of-hearing"),
        "impairment": ("impair", "loss", "difficulty", "impairment", "disability", "disabled"),
        "hearing": ("hearing", "speech"),
        "sign_channel": ("bsl", "textphone", "minicom", "tty", "typetalk", "ngt", "signvideo",
                         "interpreternow", "captioned", "captioning", "acceo", "elioz", "rogervoice"),
        "transcription": ("transcription", "transcribe"),
        "accessible_vague": ("accessibility", "disability", "disabled", "adapted"),
    },
}

#: forms simplemma gives a lemma that mean something else in prompts: "un conseiller" (an
#: advisor) is no advice, "appel" alone stays a noun of its own.
EXCLUDED_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {"conseiller": ("conseiller", "conseillers", "conseillère", "conseillères"),
           "pouvoir": ("pouvoir", "pouvoirs"), "devoir": ("devoir", "devoirs"), "plus": (),
           "point": ("points",), "rendre": (), "heure": (),
           "monde": (), "centre": ()},
    "en": {"good": ("goods",), "free": ("freed", "freeing"), "number": ("numbers", "numbered"),
           "well": (), "place": ("placed", "placing"), "like": ("likes",)},
}

#: what an elided French word is short for
ELISIONS = {"d'": "de", "l'": "le", "n'": "ne", "qu'": "que", "j'": "je", "m'": "me", "t'": "te",
            "s'": "se", "c'": "ce", "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque"}

_FOLD_FROM = "àâäáãåéèêëîïíìôöóòõùûüúÿçñ’‘ʼ"
_FOLD_TO = "aaaaaaeeeeiiiiooooouuuuycn'''"
_FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)


def fold_word(word: str) -> str:
    word = word.lower()
    return word if word.isascii() else word.translate(_FOLD)  # nothing to fold: translate is slow


def _fold_words(words: list[str]) -> list[str]:
    """`fold_word` of each of `words` (no line breaks in them), in a few passes over one text:
    folding the 4,000 French forms one by one was a tenth of a small check."""
    text = "\n".join(words).lower()
    for accented, plain in zip(_FOLD_FROM, _FOLD_TO):
        if accented in text:
            text = text.replace(accented, plain)
    folded = text.split("\n")
    return folded if words and len(folded) == len(words) else [fold_word(word) for word in words]


@functools.cache
def concept(lang: str, name: str) -> frozenset[str]:
    """The folded lemmas of a word class."""
    return frozenset(fold_word(w) for w in VOCABULARY[lang][name])


@functools.cache
def _index(lang: str) -> dict[str, frozenset[str]]:
    """folded form -> folded lemmas, for the vocabulary of one language."""
    from ivr_lint.text._forms import FORMS

    index: dict[str, set[str]] = {}
    table = FORMS[lang]
    words = [word for lemma, forms in table.items() for word in (lemma, *forms)]
    folded = iter(_fold_words(words))
    for forms in table.values():
        lemma = next(folded)
        for _ in forms:
            index.setdefault(next(folded), set()).add(lemma)
    if lang == "fr":
        for short, full in ELISIONS.items():
            index.setdefault(short, set()).add(full)
    for lemma, forms in EXCLUDED_FORMS.get(lang, {}).items():
        for form in forms:
            index.setdefault(fold_word(form), set())
    return {form: frozenset(lemmas) for form, lemmas in index.items()}


def lemmas(word: str, lang: str) -> frozenset[str]:
    """The lemmas a folded word may be a form of, itself included (words outside the
    vocabulary are their own lemma); an excluded form ("un conseiller") is no cue word."""
    found = _index(lang).get(word)
    if found is None and len(word) > 4 and word.endswith("s"):
        found = _index(lang).get(word[:-1])  # a plural simplemma does not list ("téléservices")
    if found is None:
        return frozenset((word,))
    return found | {word} if found or word not in _excluded(lang) else frozenset()


@functools.cache
def _excluded(lang: str) -> frozenset[str]:
    return frozenset(fold_word(f) for forms in EXCLUDED_FORMS.get(lang, {}).values() for f in forms)


# --- regenerating _forms.py from simplemma ---------------------------------------------------


def forms_from_simplemma(lang: str) -> dict[str, tuple[str, ...]]:
    """Every form simplemma's dictionary maps to each vocabulary lemma (the lemma included),
    less the excluded ones. Imports simplemma: for the build script and its test only."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    wanted = {lemma for words in VOCABULARY[lang].values() for lemma in words}
    dictionary = DefaultDictionaryFactory().get_dictionary(lang)
    found: dict[str, set[str]] = {lemma: {lemma} for lemma in wanted}
    for form, lemma in dictionary.items():
        if lemma in wanted and form.lower() == form:
            found[lemma].add(form)
    excluded = EXCLUDED_FORMS.get(lang, {})
    return {lemma: tuple(sorted(forms - set(excluded.get(lemma, ()))))
            for lemma, forms in sorted(found.items())}


def render_forms() -> str:
    lines = ['"""Inflected forms of the cue vocabulary, from simplemma. Generated by',
             "``python -m ivr_lint.text.vocabulary``: do not edit by hand.\"\"\"", "",
             "# fmt: off", "FORMS: dict[str, dict[str, tuple[str, ...]]] = {"]
    for lang in VOCABULARY:
        lines.append(f"    {lang!r}: {{")
        for lemma, forms in forms_from_simplemma(lang).items():
            lines.append(f"        {lemma!r}: {forms!r},")
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    target = Path(__file__).with_name("_forms.py")
    target.write_text(render_forms(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
