from tests.rules.service.flows import WELL_MADE

SIX = '      "1": civil\n      "2": civil\n      "3": civil\n      "4": civil\n      "5": civil\n      "0": agent\n'


def test_six_choices(lint):
    text = WELL_MADE.replace('      "1": civil\n      "0": agent\n', SIX)
    assert lint(text, "too-many-choices")[0] == [("too-many-choices", 28, 7, "main-menu")]
    assert lint(text, "too-many-choices", max_choices=6)[0] == []


def test_repeat_does_not_count(lint):
    text = WELL_MADE.replace('      "1": civil\n      "0": agent\n',
                             '      "1": civil\n      "2": civil\n      "3": civil\n      "4": civil\n'
                             '      "0": agent\n      "*": {repeat: true}\n')
    assert lint(text, "too-many-choices")[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "too-many-choices")[0] == []
