from tests.rules.service.flows import WELL_MADE

CHAIN = ''.join(
    f'  m{i}:\n    type: menu\n    prompt: "Tapez 1. Pour un conseiller, tapez 0."\n'
    f'    options: {{"1": {"m" + str(i + 1) if i < 4 else "civil"}, "0": agent}}\n    on_max_retries: agent\n'
    for i in range(2, 5))


def test_fourth_menu_is_reported_once(lint):
    text = WELL_MADE.replace('"1": civil\n      "0": agent\n    on_max_retries: agent\n',
                             '"1": m2\n      "0": agent\n    on_max_retries: agent\n' + CHAIN)
    found, [finding] = lint(text, "menu-too-deep")
    assert found == [("menu-too-deep", 41, 3, "m4")]
    assert "main-menu -> m2 -> m3 -> m4" in finding.message
    assert lint(text, "menu-too-deep", max_depth=4)[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "menu-too-deep")[0] == []
