import pytest

from tests.conftest import MINIMAL, findings


@pytest.mark.parametrize("key", ["10", "A", "+", "00"])
def test_keys_outside_the_keypad_are_reported_at_the_key(write, key):
    path = write(MINIMAL.replace('{"0": agent}', f'{{"0": agent, "{key}": agent}}'))
    assert findings(path, select="invalid-dtmf") == [("invalid-dtmf", 7, 27)]


def test_keypad_keys_pass(write):
    path = write(MINIMAL.replace('{"0": agent}', '{"0": agent, "9": agent, "*": {repeat: true}, "#": agent}'))
    assert findings(path, select="invalid-dtmf") == []
