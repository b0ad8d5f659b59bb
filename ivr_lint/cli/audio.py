"""`ivr-lint audio FLOW -o DIR`: every prompt as a WAV file, with its real duration.

Exit code 0: written; 2: usage error, an unreadable flow or one with syntax or schema
errors (as `render` and `simulate` refuse them), no speech engine or no voice.
"""

from __future__ import annotations

import json
import os
import sys

import click

from ivr_lint.analysis.recordings import recording_names
from ivr_lint.cli.common import fail, make_folder, protect_inputs, use_language, write_atomically
from ivr_lint.exitcodes import ExitCode
from ivr_lint.loading.source import InputError
from ivr_lint.project import Project
from ivr_lint.simulate.transcript import clock
from ivr_lint.text.spoken import estimate_seconds


@click.command()
@click.argument("flow", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "folder", type=click.Path(file_okay=False), required=True,
              help="Folder for NODE.wav files and durations.json.")
@click.option("--voice", help="Voice id, name or language (default: the one for the flow's `language`).")
@click.option("--rate", type=click.IntRange(80, 450), default=150, show_default=True,
              help="Speech rate in words per minute.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where synthesised prompts are kept (default: $IVR_LINT_CACHE_DIR or ~/.cache/ivr-lint/speech).")
@click.option("--sample-rate", type=click.Choice(["8000", "16000", "22050", "44100"]),
              help="Resample prompts (8000 for telephony); default: the voice's own rate.")
@click.option("--encoding", type=click.Choice(["wav", "ulaw", "alaw"]), default="wav", show_default=True,
              help="16-bit PCM WAV, or G.711 µ-law / A-law in a WAV file, as many platforms want prompts.")
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to report the durations.")
@click.option("--language", metavar="LANG", help="Synthesise the prompts in this language, for a flow that gives "
              "them in several; default: the flow's `language`.")
def audio(flow, folder, voice, rate, cache_dir, sample_rate, encoding, output_format, language):
    """Synthesise every prompt of FLOW to WAV and report how long each one really lasts.

    Writes one NODE.wav per node with a prompt (placeholders filled with the simulator's
    defaults) and durations.json, which maps each prompt text as written to its measured
    seconds: the durations `ivr-lint check --measure-audio` uses instead of the estimate.
    Synthesised prompts are cached, so a second run synthesises nothing new. `--sample-rate`
    and `--encoding` write the files as a platform wants them (8 kHz mono µ-law or A-law).
    """
    from ivr_lint.speech.measure import flow_prompts
    from ivr_lint.speech.convert import convert
    from ivr_lint.speech.session import Speech
    from ivr_lint.speech.voices import SpeechError
    from ivr_lint.speech.wav import join

    protect_inputs([flow])
    project = Project([flow])
    try:
        loaded = project.load(flow)
    except InputError as error:
        fail(str(error))
    if loaded.flow is None or loaded.findings:
        count = len(loaded.findings)
        lines = [f"  {f.file}:{f.line}:{f.column}: {f.rule}: {f.message}" for f in loaded.findings]
        fail("\n".join([f"cannot synthesise {loaded.name}: {count} syntax or schema problem{'s' if count != 1 else ''} "
                        f"(`ivr-lint check {loaded.name}` reports the same)", *lines]))
    if language:
        use_language(language, loaded.flow, [loaded.flow], flow)
    try:
        speech = Speech(voice=voice, rate=rate, cache_dir=cache_dir)
        chosen = speech.voice_for(loaded.flow)
        prompts = flow_prompts(loaded.flow, speech)
    except SpeechError as error:
        fail(str(error))
    make_folder(folder)
    rows = []
    names = recording_names(loaded.flow)
    by_node: dict[str, list] = {}
    for prompt in prompts:
        by_node.setdefault(prompt.node, []).append(prompt)
    for node, parts in by_node.items():
        path = os.path.join(folder, names[node])
        pcm = join([p.wav for p in parts], gap=0.0)
        seconds = sum(p.seconds for p in parts)
        try:
            write_atomically(path, convert(pcm, int(sample_rate) if sample_rate else None, encoding))
        except SpeechError as error:
            fail(str(error))
        estimate = sum(estimate_seconds(p.spoken, loaded.flow.lang) for p in parts)
        rows.append({"node": node, "file": path, "seconds": round(seconds, 2), "estimated": round(estimate, 2)})
    durations = {p.text: round(p.seconds, 3) for p in prompts}
    write_atomically(os.path.join(folder, "durations.json"),
                     json.dumps({"voice": chosen.id, "rate": rate, "durations": durations}, ensure_ascii=False,
                                indent=2) + "\n")
    if output_format == "json":
        click.echo(json.dumps({"voice": chosen.id, "rate": rate, "prompts": rows}, ensure_ascii=False, indent=2))
    else:
        width = max((len(r["node"]) for r in rows), default=4)
        click.echo(f"{'node':<{width}}  measured  estimated")
        for row in rows:
            click.echo(f"{row['node']:<{width}}  {row['seconds']:>7.1f}s  {row['estimated']:>8.1f}s")
        total = sum(r["seconds"] for r in rows)
        click.echo(f"{len(rows)} prompts, {clock(total)} in all, voice {chosen.id} at {rate} words per minute, "
                   f"written to {folder}")
    click.echo(speech.report(), err=True)
    sys.exit(int(ExitCode.OK))
