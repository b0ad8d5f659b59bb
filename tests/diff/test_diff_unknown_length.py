"""`ivr-lint diff` on exports whose audio lasts an unknown time: the way to a person takes "at least
N s" (or an unknown time), never an exact time, and is slower only when that is sure."""

import json

from tests.conftest import run

HEAD = '<?xml version="1.0"?>\n<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml">\n'
DESK = '<form id="desk"><transfer name="call" dest="tel:+441234567890" bridge="false"/></form>\n</vxml>\n'


def reception(audio: str, words: str = "For the front desk, press 0.") -> str:
    return (f'<menu id="reception"><prompt><audio src="{audio}"/> {words}</prompt>'
            '<choice dtmf="0" next="#desk">front desk</choice></menu>\n')


NOTICE = ('<form id="notice"><block><prompt><audio src="notice.wav"/> Our offices move in May, to the new '
          'town hall beside the station.</prompt><goto next="#reception"/></block></form>\n')
OLD = HEAD + reception("hello.wav") + DESK
LONGER = HEAD + NOTICE + reception("hello.wav") + DESK  # the old way, and one more message
OTHER = HEAD + reception("jingle.wav", "Press 0.") + DESK  # other audio: its length is not comparable


def diff(write, old: str, new: str, *options: str):
    return run("diff", *options, str(write(old, "old.vxml")), str(write(new, "new.vxml")))


def test_a_way_through_audio_takes_at_least_its_known_words(write):
    outcome = diff(write, OLD, LONGER)
    assert ("- open, open+congested: fastest way to a person at least 8 s with 1 key, was at least 2 s with 1 key"
            in outcome.output)
    assert "- longest prompt: at least 5 s (notice-block-prompt), was at least 2 s (reception)" in outcome.output
    # the same audio is on both ways, with more words after: surely slower
    assert run("diff", "--fail-on", "regression", *outcome_paths(write)).exit_code == 1


def outcome_paths(write):
    return str(write(OLD, "old.vxml")), str(write(LONGER, "new.vxml"))


def test_json_gives_no_exact_seconds_for_an_unknown_length(write):
    outcome = diff(write, OLD, LONGER, "-f", "json")
    flow = json.loads(outcome.output)["flows"][0]
    before, after = flow["persons"][0]["before"], flow["persons"][0]["after"]
    assert (before["seconds"], before["seconds_at_least"], before["unknown_length"]) == (None, 2.4, ["reception"])
    assert (after["seconds"], after["unknown_length"]) == (None, ["notice-block-prompt", "reception"])
    assert after["seconds_at_least"] > before["seconds_at_least"]
    assert (after["fewest_keys_seconds"], after["fewest_keys_unknown_length"]) == \
        (None, ["notice-block-prompt", "reception"])
    assert flow["persons"][0]["slower"] is True
    assert flow["longest_prompt"]["before"] == {"seconds": None, "seconds_at_least": 2.4,
                                                "unknown_length": ["reception"], "node": "reception"}


def test_other_audio_is_neither_slower_nor_faster(write):
    outcome = diff(write, OLD, OTHER)
    assert ("~ open, open+congested: fastest way to a person at least 1 s with 1 key, was at least 2 s with 1 key"
            in outcome.output)
    assert "no regression" in outcome.output
    # the way back, with the same audio gone: faster is not sure either
    back = diff(write, OTHER, OLD)
    assert "~ open, open+congested: fastest way to a person at least 2 s with 1 key, was at least 1 s" in back.output


def test_removing_a_message_is_surely_faster(write):
    outcome = diff(write, LONGER, OLD)
    assert "+ open, open+congested: fastest way to a person at least 2 s with 1 key, was at least 8 s" in outcome.output
    assert "no regression" in outcome.output


def test_a_way_of_audio_only_takes_an_unknown_time(write):
    only_audio = HEAD + reception("hello.wav", "") + DESK
    outcome = diff(write, OLD, only_audio)
    assert "fastest way to a person an unknown time with 1 key, was at least 2 s with 1 key" in outcome.output


def test_textconv_says_at_least(write):
    outcome = run("diff", "--textconv", str(write(LONGER, "new.vxml")))
    assert outcome.exit_code == 0
    assert "fastest to a person [open]: at least 8 s, 1 keys (notice-block-prompt -> reception -> desk-call)" \
        in outcome.output
    assert "longest prompt: at least 5 s (notice-block-prompt)" in outcome.output
