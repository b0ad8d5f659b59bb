"""Invitations to hang up, in French and English: sentences that say so and sentences that must not count."""

from __future__ import annotations

import pytest

from ivr_lint.text.invitations import invites_to_hang_up

# (lang, text, the hang-up words the span covers, or None when it must not match)
SENTENCES = [
    ("fr", "Pour revenir au menu, tapez 9. Pour un conseiller, tapez 0. Sinon, vous pouvez raccrocher.", "raccrocher"),
    ("fr", "Vous pouvez maintenant raccrocher.", "raccrocher"),
    ("fr", "Si vous n'avez pas d'autre question, vous pouvez raccrocher.", "raccrocher"),
    ("fr", "Pour réécouter ce message, tapez 1, ou raccrochez.", "raccrochez"),
    ("fr", "Tapez étoile pour revenir au menu principal ou raccrochez.", "raccrochez"),
    ("fr", "Votre demande est enregistrée. Vous pouvez désormais mettre fin à l'appel.", "mettre fin à l'appel"),
    ("fr", "Si vous avez obtenu votre réponse, raccrochez simplement.", "raccrochez"),
    ("fr", "N'hésitez pas à raccrocher si votre question est réglée.", "raccrocher"),
    ("fr", "Merci de votre appel. Vous pourrez raccrocher après le signal.", "raccrocher"),
    ("fr", "Vous pouvez terminer l’appel à tout moment.", "terminer l’appel"),
    ("fr", "Veuillez raccrocher et composer le 15 en cas d'urgence.", "raccrocher"),
    ("fr", "VOUS POUVEZ RACCROCHER.", "RACCROCHER"),
    ("fr", "Ne raccrochez pas, un conseiller va vous répondre.", None),
    ("fr", "Merci de ne pas raccrocher.", None),
    ("fr", "Si vous raccrochez, vous perdrez votre place dans la file d'attente.", None),
    ("fr", "Veuillez patienter sans raccrocher.", None),
    ("fr", "Avant de raccrocher, notez votre numéro de dossier.", None),
    ("fr", "Nous allons raccrocher dans quelques secondes.", None),
    ("fr", "L'appel va être coupé.", None),
    ("fr", "Merci de votre appel, au revoir.", None),
    ("fr", "Restez en ligne, nous recherchons un conseiller.", None),
    ("fr", "Ne quittez pas.", None),
    ("fr", "Surtout, ne raccrochez jamais pendant la saisie.", None),
    ("fr", "Raccrochez pas, on arrive.", None),
    ("fr", "Lorsque vous raccrochez, votre demande est annulée.", None),
    ("fr", "Pour terminer l'appel de votre correspondant, tapez 2.", None),
    ("en", "To hear this again, press 1. To speak to an adviser, press 0. Otherwise, you may hang up.", "hang up"),
    ("en", "You can hang up now.", "hang up"),
    ("en", "If you have no further questions, you may now end the call.", "end the call"),
    ("en", "Press star to go back to the main menu, or hang up.", "hang up"),
    ("en", "Feel free to hang up at any time.", "hang up"),
    ("en", "Thank you. Please hang up and dial 999 in an emergency.", "hang up"),
    ("en", "Hang up and call us back during opening hours.", "Hang up"),
    ("en", "Your callback is booked; you can simply hang up.", "hang up"),
    ("en", "Please do not hang up.", None),
    ("en", "Don't hang up, an adviser will be with you shortly.", None),
    ("en", "If you hang up, you will lose your place in the queue.", None),
    ("en", "Before you hang up, please write down your reference number.", None),
    ("en", "Please hold without hanging up.", None),
    ("en", "We will now end the call.", None),
    ("en", "The line is busy, please try again later.", None),
    ("en", "Thank you for calling. Goodbye.", None),
    ("en", "Stay on the line to speak to an adviser.", None),
    ("en", "Never hang up while your payment is being taken.", None),
    ("en", "When you hang up, you will receive a text message.", None),
    ("en", "Press 2 to end your call with the adviser and leave a message.", None),
]


@pytest.mark.parametrize(("lang", "text", "words"), SENTENCES)
def test_invitation_to_hang_up(lang, text, words):
    span = invites_to_hang_up(text, lang)
    if words is None:
        assert span is None, text[span[0]:span[1]]
    else:
        assert span is not None
        assert text[span[0]:span[1]] == words


def test_a_third_of_the_sentences_must_not_match():
    for lang in ("fr", "en"):
        rows = [words for lng, _, words in SENTENCES if lng == lang]
        assert sum(words is None for words in rows) * 3 >= len(rows)
