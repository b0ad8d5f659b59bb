"""Speech: voices by language, WAV files checked for format and duration, the cache reused.

Prompts are a few words long so that synthesis (pyttsx3 on libespeak-ng) stays fast.
"""

import json
import os
import shutil
import subprocess
import wave

import pytest

from ivr_lint.speech.voices import SpeechError, Voice, pick
from tests.conftest import run

SHORT = """\
ivr: 1
language: {language}
start: hello
nodes:
  hello: {{type: play, prompt: "{hello}", next: menu}}
  menu: {{type: menu, prompt: "{menu}", options: {{"1": bye}}, on_max_retries: bye}}
  bye: {{type: hangup, prompt: "{bye}"}}
"""
FRENCH = SHORT.format(language="fr-FR", hello="Bonjour.", menu="Tapez 1.", bye="Au revoir.")
ENGLISH = SHORT.format(language="en-GB", hello="Hello.", menu="Press 1.", bye="Goodbye.")

VOICES = [Voice("gmw/en", "English (Great Britain)", ("en-gb",)), Voice("gmw/en-us", "English (America)", ("en-us",)),
          Voice("roa/fr", "French (France)", ("fr-fr",)), Voice("roa/fr-be", "French (Belgium)", ("fr-be",)),
          Voice("mb/mb-fr1", "french-mbrola-1", ("fr-fr",))]


@pytest.mark.parametrize("language, wanted, voice", [
    ("fr-FR", None, "roa/fr"), ("en-GB", None, "gmw/en"), ("en-US", None, "gmw/en-us"),
    ("fr-CA", None, "roa/fr"),  # no Canadian voice: the primary language decides
    ("fr-FR", "roa/fr-be", "roa/fr-be"), ("fr-FR", "French (Belgium)", "roa/fr-be"), ("fr-FR", "en-GB", "gmw/en"),
])
def test_voice_for_a_language(language, wanted, voice):
    assert pick(VOICES, language, wanted).id == voice


def test_no_voice_is_a_clear_error():
    with pytest.raises(SpeechError, match=r"no voice speaks the flow's language 'tlh-QO'"):
        pick(VOICES, "tlh-QO")
    with pytest.raises(SpeechError, match=r"no voice 'nope'; for fr-FR, voices include roa/fr, roa/fr-be"):
        pick(VOICES, "fr-FR", "nope")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("IVR_LINT_CACHE_DIR", str(folder))
    return folder


def wav_params(path):
    with wave.open(str(path), "rb") as handle:
        return handle.getnchannels(), handle.getsampwidth(), handle.getframerate(), \
            handle.getnframes() / handle.getframerate()


def test_audio_writes_every_prompt_and_reuses_the_cache(write, tmp_path, cache):
    flow = write(FRENCH)
    out = tmp_path / "audio"
    first = run("audio", str(flow), "-o", str(out), "--format", "json")
    assert first.exit_code == 0, first.stderr
    assert first.stderr.startswith("speech: 3 prompts synthesised, 0 reused")
    report = json.loads(first.stdout)
    assert report["voice"] == "roa/fr" and report["rate"] == 150
    assert [row["node"] for row in report["prompts"]] == ["hello", "menu", "bye"]
    assert sorted(os.listdir(out)) == ["bye.wav", "durations.json", "hello.wav", "menu.wav"]
    for row in report["prompts"]:
        channels, width, rate, seconds = wav_params(row["file"])
        assert (channels, width, rate) == (1, 2, 22050)  # mono 16-bit PCM
        assert 0.3 < seconds < 3 and row["seconds"] == pytest.approx(seconds, abs=0.01)
        if shutil.which("soxi"):
            soxi = subprocess.run(["soxi", "-D", row["file"]], capture_output=True, text=True, check=True)
            assert float(soxi.stdout) == pytest.approx(seconds, abs=0.01)
    durations = json.loads((out / "durations.json").read_text())
    assert set(durations["durations"]) == {"Bonjour.", "Tapez 1.", "Au revoir."}
    cached = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(cached) == 3
    second = run("audio", str(flow), "-o", str(out))
    assert second.stderr.startswith("speech: 0 prompts synthesised, 3 reused")
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == cached
    assert second.stdout.splitlines()[0] == "node   measured  estimated"


def test_simulate_audio_writes_the_call_and_measures_it(write, tmp_path, cache):
    flow = write(ENGLISH)
    out = tmp_path / "call"
    result = run("simulate", str(flow), "--keys", "1", "--audio", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    transcript = json.loads(result.stdout)
    assert transcript["durations"] == "measured"
    assert sorted(os.listdir(out)) == ["01-hello.wav", "02-menu.wav", "03-bye.wav", "call.wav"]
    prompts = [wav_params(out / name)[3] for name in ("01-hello.wav", "02-menu.wav", "03-bye.wav")]
    assert [s["seconds"] for s in transcript["steps"]] == pytest.approx(prompts, abs=0.01)
    assert transcript["elapsed_seconds"] == pytest.approx(sum(prompts), abs=0.1)
    channels, width, rate, call = wav_params(out / "call.wav")
    assert (channels, width, rate) == (1, 2, 22050)
    assert call == pytest.approx(sum(prompts) + 2 * 0.5, abs=0.01)  # prompts and two half-second gaps
    assert f"wrote 3 prompts and call.wav ({call:.1f} s) to {out}" in result.stderr
    assert "voice gmw/en, rate 150 words per minute)" in result.stderr  # the flow is en-GB


def test_call_wav_keeps_the_callers_silences(write, tmp_path, cache):
    """A caller who stays silent 5 s is silent 5 s in call.wav: reviewing by ear matches the timing."""
    flow = write(ENGLISH)
    out = tmp_path / "call"
    result = run("simulate", str(flow), "--keys", "timeout,1", "--audio", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    transcript = json.loads(result.stdout)
    assert [s["node"] for s in transcript["steps"]] == ["hello", "menu", "menu", "bye"]
    assert transcript["steps"][1]["input"] == "timeout" and transcript["steps"][1]["seconds"] > 5
    call = wav_params(out / "call.wav")[3]
    # the prompts and the 5 s silence, plus half-second gaps where nobody waited (after hello, after the replay)
    assert call == pytest.approx(transcript["elapsed_seconds"] + 2 * 0.5, abs=0.05)


@pytest.mark.skipif(shutil.which("soxi") is None, reason="needs SoX (scripts/setup.sh installs it)")
@pytest.mark.parametrize("rate, encoding, soxi_encoding", [
    ("8000", "ulaw", "8-bit u-law"), ("8000", "alaw", "8-bit a-law"), ("16000", "wav", "16-bit signed integer pcm")])
def test_audio_writes_telephony_encodings(write, tmp_path, cache, rate, encoding, soxi_encoding):
    out = tmp_path / "prompts"
    result = run("audio", str(write(FRENCH)), "-o", str(out), "--sample-rate", rate, "--encoding", encoding,
                 "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = {row["node"]: row["seconds"] for row in json.loads(result.stdout)["prompts"]}
    for node, seconds in rows.items():
        path = str(out / f"{node}.wav")
        info = subprocess.run(["soxi", path], capture_output=True, text=True).stdout.lower()
        assert f"sample rate    : {rate}" in info and "channels       : 1" in info, info
        assert f"sample encoding: {soxi_encoding}" in info, info
        measured = float(subprocess.run(["soxi", "-D", path], capture_output=True, text=True).stdout)
        assert measured == pytest.approx(seconds, abs=0.02)


def test_speak_plays_each_prompt_in_order(write, tmp_path, cache, monkeypatch):
    log = tmp_path / "played.txt"
    player = tmp_path / "player.sh"
    player.write_text(f"#!/bin/sh\necho \"$1\" >> {log}\n")
    player.chmod(0o755)
    monkeypatch.setenv("IVR_LINT_PLAYER", str(player))
    result = run("simulate", str(write(FRENCH)), "--keys", "1", "--speak", "--format", "json")
    assert result.exit_code == 0
    played = log.read_text().split()
    assert all(os.path.dirname(p) == str(cache) for p in played)
    steps = json.loads(result.stdout)["steps"]
    assert [wav_params(p)[3] for p in played] == pytest.approx([s["seconds"] for s in steps], abs=0.01)
    assert len(set(played)) == 3


def test_speak_without_an_audio_device_says_so_and_suggests_audio(write, tmp_path, cache, monkeypatch):
    monkeypatch.delenv("IVR_LINT_PLAYER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no player can be found
    result = run("simulate", str(write(FRENCH)), "--keys", "1", "--speak")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "ivr-lint: cannot speak: no audio player is installed (pw-play, paplay, aplay, afplay or sox's play). "
        "Use --audio DIR to write the prompts as WAV files.\n")
    assert "Outcome: hangup (ended at bye)" in result.stdout


def test_missing_voice_exits_2(write, tmp_path, cache):
    result = run("simulate", str(write(FRENCH)), "--keys", "1", "--speak", "--voice", "no-such-voice")
    assert result.exit_code == 2
    assert result.stderr.startswith("ivr-lint: error: no voice 'no-such-voice'; for fr-FR, voices include roa/fr")
    unknown = run("audio", str(write(FRENCH.replace("fr-FR", "zz-ZZ"))), "-o", str(tmp_path / "x"))
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("ivr-lint: error: no voice speaks the flow's language 'zz-ZZ'")


def test_the_espeak_ng_program_gives_the_same_audio(write, tmp_path, cache, monkeypatch):
    if not shutil.which("espeak-ng"):
        pytest.skip("espeak-ng is not installed")
    monkeypatch.setenv("IVR_LINT_TTS", "espeak-ng")
    monkeypatch.setattr("ivr_lint.speech.engines._opened", {})
    result = run("audio", str(write(FRENCH)), "-o", str(tmp_path / "audio"), "--cache-dir", str(tmp_path / "other"))
    assert result.exit_code == 0, result.stderr
    assert "(espeak-ng, voice roa/fr, rate 150 words per minute)" in result.stderr
    assert wav_params(tmp_path / "audio" / "menu.wav")[:3] == (1, 2, 22050)


def test_measured_durations_for_check_are_keyed_by_prompt_text(write, tmp_path, cache):
    from ivr_lint.speech.measure import measure_paths

    write(FRENCH.replace("Tapez 1.", "Attente de {wait_minutes} minutes. Tapez 1."), "flows/a.yaml")
    durations = measure_paths([str(tmp_path / "flows")])
    assert set(durations) == {"Bonjour.", "Attente de {wait_minutes} minutes. Tapez 1.", "Au revoir."}
    assert all(0.3 < seconds < 5 for seconds in durations.values()), durations


def test_an_empty_wav_is_not_audio(tmp_path):
    """pyttsx3 sometimes returns before writing a sample; such a file must not be cached as speech."""
    from ivr_lint.speech.engines import has_audio

    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    silent = tmp_path / "silent.wav"
    with wave.open(str(silent), "wb") as handle:
        handle.setnchannels(1), handle.setsampwidth(2), handle.setframerate(22050)
    one = tmp_path / "one.wav"
    with wave.open(str(one), "wb") as handle:
        handle.setnchannels(1), handle.setsampwidth(2), handle.setframerate(22050)
        handle.writeframes(b"\x00\x01")
    assert (has_audio(str(empty)), has_audio(str(silent)), has_audio(str(one)), has_audio(str(tmp_path / "no"))) == (
        False, False, True, False)
