"""`ivr-lint simulate FLOW`: walk through a flow as a caller, in a terminal or from a script.

Exit code 0: the call ended (a person, a transfer, a callback, voicemail or hang-up);
1: it looped for more than --max-steps; 2: usage error, a flow that `check` rejects,
an unknown time format, a bad key, a missing voice; 130: stopped with Ctrl-C (as shells
count an interrupt: SIGINT is 2, 128 + 2), which the `ivr-lint` group turns the
KeyboardInterrupt into, whether the caller was typing or a prompt was being spoken.
"""

from __future__ import annotations

import json
import os
import sys

import click

from ivr_lint.cli.common import collector_paused, fail, make_folder, safe_filename, use_language, write_atomically
from ivr_lint.exitcodes import ExitCode
from ivr_lint.model.flow import BranchNode, QueueNode, TransferNode, VoicemailNode
from ivr_lint.simulate import answers as A
from ivr_lint.simulate.clock import ClockError, parse_at
from ivr_lint.simulate.engine import (
    DEFAULT_MAX_STEPS,
    DEFAULT_POSITION,
    DEFAULT_WAIT_MINUTES,
    DEFAULT_WORDS_PER_MINUTE,
    CallError,
    CallSettings,
    ScriptedCaller,
    estimated,
)
from ivr_lint.simulate.engine import simulate as run_call
from ivr_lint.simulate.loading import FlowRefused, load_flow
from ivr_lint.simulate.terminal import Printer, TerminalCaller
from ivr_lint.simulate.transcript import LOOP, UNKNOWN_TARGET, summary
from ivr_lint.text.safe import visible


def parse_vars(values: tuple[str, ...], known: tuple[str, ...] | list[str] = ()) -> dict[str, str]:
    """NAME=VALUE, split at the first `=`: a name is written as the flow writes it, spaces and dots
    included (imports keep the platform's names, such as `$.External.At capacity`). A name the flow
    uses that holds `=` itself (an imported condition, `(new Date()).getDay() == 0`) is taken whole."""
    variables = {}
    for value in values:
        whole = max((k for k in known if "=" in k and value.startswith(k + "=")), key=len, default=None)
        name, equals, content = (whole, "=", value[len(whole) + 1:]) if whole else value.partition("=")
        if not equals or not name.strip():
            fail(f"--var {value!r}: use NAME=VALUE, for example --var code_postal=44000")
        variables[name.strip()] = content.strip()
    return variables


def check_unanswered(names: tuple[str, ...], flows) -> None:
    """--unanswered must name a queue, a transfer or a voicemail with `on_no_input` (by id, or
    flow-id:id), or be `all`."""
    people = [(f.id, n.id) for f in flows for n in f.nodes.values() if isinstance(n, (QueueNode, TransferNode))
              or (isinstance(n, VoicemailNode) and n.on_no_input)]
    known = {node for _, node in people} | {f"{flow}:{node}" for flow, node in people}
    for name in names:
        if name != "all" and name not in known:
            listed = ", ".join(sorted({node for _, node in people}))
            fail(f"--unanswered {name!r}: no queue or transfer has this id (known: {listed})")


def open_speech(voice, rate, cache_dir, flows):
    """The speech session, with a voice checked for every flow of the call (exit 2 if none)."""
    from ivr_lint.speech.session import Speech
    from ivr_lint.speech.voices import SpeechError

    try:
        speech = Speech(voice=voice, rate=rate, cache_dir=cache_dir)
        for flow in flows:
            speech.voice_for(flow)
    except SpeechError as error:
        fail(str(error))
    return speech


class Speaker:
    """Says each prompt aloud as the call reaches it."""

    def __init__(self, speech, player, flows_by_id):
        self.speech, self.player, self.flows = speech, player, flows_by_id

    def hear(self, step) -> None:
        flow = self.flows[step.flow]
        for part in step.parts:
            if part.strip():
                self.player.play(self.speech.wav(part, flow))

    def done(self, step) -> None:
        pass


def write_audio(folder: str, transcript, speech, flows_by_id) -> str:
    """One WAV per prompt heard, in order, and the whole call as call.wav."""
    from ivr_lint.speech.wav import GAP_SECONDS, duration, join

    make_folder(folder)
    heard, gaps = [], []
    for index, step in enumerate(s for s in transcript.steps if s.prompt.strip()):
        parts = [speech.wav(part, flows_by_id[step.flow]) for part in step.parts if part.strip()]
        path = os.path.join(folder, f"{index + 1:02d}-{safe_filename(step.node)}.wav")
        write_atomically(path, join(parts, gap=0.0))
        heard.append(path)
        gaps.append(step.wait if step.wait > 0 else GAP_SECONDS)  # the caller's silence, as long as it was
    call = os.path.join(folder, "call.wav")
    write_atomically(call, join(heard, gaps=gaps))
    return f"wrote {len(heard)} prompts and call.wav ({duration(call):.1f} s) to {folder}"


@click.command()
@click.argument("flow", type=click.Path(dir_okay=False))
@click.option("--at", "at", metavar="'YYYY-MM-DD HH:MM'",
              help="When the call happens, in the flow's time zone (default: now). Decides `hours` nodes.")
@click.option("--congested", is_flag=True, help="Queues are saturated: the first time a queue is reached, "
              "it takes its congestion branch.")
@click.option("--unanswered", multiple=True, metavar="NODE",
              help="Nobody answers this queue (on_timeout) or transfer (on_failure), or the caller leaves no "
              "message at this voicemail (on_no_input); `all` for every one.")
@click.option("--wait-minutes", type=click.IntRange(min=0), default=DEFAULT_WAIT_MINUTES, show_default=True,
              help="Fills {wait_minutes}.")
@click.option("--position", type=click.IntRange(min=1), default=DEFAULT_POSITION, show_default=True,
              help="Fills {queue_position}.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE", help="Set a variable (branch, placeholders).")
@click.option("--keys", metavar="KEYS", help="Answer from a script: comma-separated keys, digits, words or "
              "`timeout` (silence). When they run out, every further question gets silence.")
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: print the transcript as JSON on standard output.")
@click.option("--max-steps", type=click.IntRange(min=1), default=DEFAULT_MAX_STEPS, show_default=True,
              help="A longer call ends with outcome `loop`.")
@click.option("--speak", is_flag=True, help="Read every prompt aloud (pyttsx3 / espeak-ng).")
@click.option("--audio", "audio_dir", type=click.Path(file_okay=False),
              help="Write each prompt heard as a WAV file, and the whole call as call.wav, in this folder.")
@click.option("--voice", help="Voice id, name or language (default: the one for the flow's `language`).")
@click.option("--rate", type=click.IntRange(80, 450), default=150, show_default=True,
              help="Speech rate in words per minute.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where synthesised prompts are kept (default: $IVR_LINT_CACHE_DIR or ~/.cache/ivr-lint/speech).")
@click.option("--language", metavar="LANG", help="Hear the prompts in this language, for a flow that gives them in "
              "several (prompt: {fr-FR: ..., en-GB: ...}); default: the flow's `language`.")
@collector_paused
def simulate(flow, at, congested, unanswered, wait_minutes, position, variables, keys, output_format, max_steps,
             speak, audio_dir, voice, rate, cache_dir, language):
    """Walk through FLOW as a caller: each prompt, your key, where it leads.

    Interactive by default: type a key (0-9, *, #), digits for an input, or a word a menu
    understands, then Enter; Enter alone is silence, Ctrl-D hangs up. With --keys the call
    is scripted. The summary gives the outcome, the path, the keys and the elapsed time.

    Exit code 0: the call ended; 1: it looped (--max-steps) or reached a jump an imported export makes
    to a place it does not have (outcome unknown-target); 2: usage error, unreadable
    flow, a flow `ivr-lint check` rejects with errors, a bad key or time, a missing voice;
    130: stopped with Ctrl-C.
    """
    try:
        loaded = load_flow(flow)
    except FlowRefused as error:
        fail(error.explain(f"simulate {flow}"))
    start = loaded.file.flow
    try:
        moment = parse_at(at, start)
    except ClockError as error:
        fail(f"--at: {error}")
    flows = [f.flow for f in loaded.project.files.values() if f.flow is not None]
    if language:
        use_language(language, start, flows, flow)
    flows_by_id = {f.id: f for f in flows}
    check_unanswered(unanswered, flows)
    names = [n.on for f in flows for n in f.nodes.values() if isinstance(n, BranchNode) and n.on]
    settings = CallSettings(moment=moment, congested=congested, variables=parse_vars(variables, names),
                            wait_minutes=wait_minutes, queue_position=position, max_steps=max_steps)
    json_out = output_format == "json"

    def echo(text: str) -> None:
        """Every human-readable line, the flow's control characters as escapes (JSON keeps them)."""
        click.echo(visible(text), err=json_out)

    if keys is not None:
        script = A.parse_keys(keys)
        try:
            A.check_answers(script, A.vocabulary(flows))
        except A.AnswerError as error:
            fail(f"--keys: {error}")
        caller = ScriptedCaller(script, set(unanswered))
        listeners = [] if json_out else [Printer(echo)]
    else:
        stdin = sys.stdin

        def read_line(prompt: str) -> str | None:
            click.echo(prompt, nl=False, err=json_out)
            line = stdin.readline()
            if not line:
                echo("")
                return None
            return line

        caller = TerminalCaller(read_line, echo, set(unanswered))
        listeners = [Printer(echo, echo_input=not stdin.isatty())]
        echo(f"Calling {start.name or start.id} — {moment:%A %Y-%m-%d %H:%M %Z}"
             f"{', congested' if congested else ''}. Enter: silence, Ctrl-D: hang up.")
    speech = None
    seconds = estimated(DEFAULT_WORDS_PER_MINUTE)
    if speak or audio_dir:
        speech = open_speech(voice, rate, cache_dir, flows)
        seconds = speech.seconds
    if speak:
        from ivr_lint.speech.player import find_player

        player, reason = find_player()
        if player is None:
            click.echo(f"ivr-lint: cannot speak: {reason}. Use --audio DIR to write the prompts as WAV files.",
                       err=True)
        else:
            listeners.append(Speaker(speech, player, flows_by_id))
    try:
        transcript = run_call(loaded.project, loaded.file, settings, caller, seconds, listeners)
    except CallError as error:
        fail(f"--keys: {error}")
    transcript.measured = speech is not None
    if json_out:
        click.echo(json.dumps(transcript.to_json(), ensure_ascii=False, indent=2))
    else:
        echo("")
        for line in summary(transcript, DEFAULT_WORDS_PER_MINUTE):
            echo(line)
    if speech is not None:
        if audio_dir:
            click.echo(write_audio(audio_dir, transcript, speech, flows_by_id), err=True)
        click.echo(speech.report(), err=True)
    sys.exit(int(ExitCode.FINDINGS if transcript.outcome in (LOOP, UNKNOWN_TARGET) else ExitCode.OK))
