"""The interactive simulator in a real pseudo-terminal: a caller typing keys, words and silences."""

import sys
from pathlib import Path

import pytest

from tests.simulate.conftest import TUESDAY

pexpect = pytest.importorskip("pexpect")
SCRIPT = Path(sys.executable).parent / "ivr-lint"  # the installed command, as a user runs it


def spawn(*args):
    command, prefix = (str(SCRIPT), []) if SCRIPT.exists() else (sys.executable, ["-m", "ivr_lint"])
    return pexpect.spawn(command, [*prefix, "simulate", *args], encoding="utf-8", timeout=20, dimensions=(50, 250))


def test_a_caller_types_keys_words_and_silences(line):
    child = spawn(line, "--at", TUESDAY)
    child.expect_exact("[menu] Pour un conseiller, tapez 0. Pour un dossier, tapez 1. Pour réécouter, tapez étoile.")
    child.expect_exact("keys: 0 1 * · or say: conseiller, déménagement · Enter: silence")
    child.expect_exact("> ")
    child.sendline("7")  # a key the menu does not offer
    child.expect_exact("(no-match: replay (1 of 2 retries))")
    child.expect_exact("> ")
    child.sendline("")  # silence
    child.expect_exact("(no-input: replay (2 of 2 retries))")
    child.expect_exact("> ")
    child.sendline("12")  # two keys at a menu: refused, asked again, not counted
    child.expect_exact("one key at a time at a menu")
    child.expect_exact("> ")
    child.sendline("1")
    child.expect_exact("[file-number] Tapez votre code à 4 chiffres.")
    child.expect_exact("type 4 digits, then Enter")
    child.expect_exact("> ")
    child.sendline("1234")
    child.expect_exact("[info] Votre dossier 1234 est en cours.")
    child.expect_exact("Outcome: hangup (ended at bye)")
    child.expect_exact("Path:    welcome > hours > menu > menu > menu > file-number > route > info > bye")
    child.expect_exact("Keys:    7, timeout, 1, 1234")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_spoken_word_and_congestion_then_ctrl_d_hangs_up(line):
    child = spawn(line, "--at", TUESDAY, "--congested", "--wait-minutes", "25")
    child.expect_exact("> ")
    child.sendline("Conseiller")
    child.expect_exact("(understood as key 0)")
    child.expect_exact("(queue saturated: congestion branch)")
    child.expect_exact("[busy] Attente de 25 minutes, position 3.")
    child.expect_exact("> ")
    child.sendeof()
    child.expect_exact("(the caller hangs up)")
    child.expect_exact("Outcome: hangup (ended at busy)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_stops_the_call_with_exit_130(line):
    """130 as shells count an interrupt (128 + SIGINT); 1 is kept for a call that looped."""
    child = spawn(line, "--at", TUESDAY)
    child.expect_exact("> ")
    child.sendline("7")
    child.expect_exact("(no-match: replay (1 of 2 retries))")
    child.expect_exact("> ")
    child.sendintr()  # the terminal's Ctrl-C: SIGINT to the foreground process group
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before and "Aborted!" not in child.before
    assert "Outcome:" not in child.before  # an interrupted call has no summary
