"""Text to WAV: pyttsx3 first, the espeak-ng program when pyttsx3 cannot start.

pyttsx3's Linux driver wraps libespeak-ng; its `say()` plays through `aplay` and reports
nothing when there is no sound card, so we only ask it for files (`save_to_file`) and
play them ourselves (see `player`). That also gives the cache and measured durations for
free. Where libespeak cannot be loaded (pyttsx3 missing, another driver, a container
without the library), the `espeak-ng` program writes the same WAV with `-w`.
`IVR_LINT_TTS=pyttsx3|espeak-ng` forces one.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import io
import os
import shutil
import subprocess
import wave

from ivr_lint.speech.voices import SpeechError, Voice

ENV_ENGINE = "IVR_LINT_TTS"


def has_audio(path: str) -> bool:
    """A readable WAV file with at least one sample (an empty or missing file is not)."""
    try:
        with wave.open(path, "rb") as handle:
            return handle.getnframes() > 0
    except (OSError, EOFError, wave.Error):
        return False


class Pyttsx3Engine:
    name = "pyttsx3"

    def __init__(self):
        import pyttsx3  # heavy, and only here

        with contextlib.redirect_stdout(io.StringIO()):
            self.engine = pyttsx3.init()
        self._voices = [Voice(v.id, v.name or v.id, tuple(v.languages or ()))
                        for v in self.engine.getProperty("voices")]

    def voices(self) -> list[Voice]:
        return self._voices

    def synthesise(self, text: str, voice: Voice, rate: int, path: str) -> None:
        """Write `text` as WAV. The espeak driver now and then returns before writing any
        sample (seen on short prompts): try again, then let the espeak-ng program do it."""
        for _ in range(2):
            self.engine.setProperty("voice", voice.id)
            self.engine.setProperty("rate", rate)
            with contextlib.redirect_stdout(io.StringIO()):  # the driver prints "Audio saved to ..."
                self.engine.save_to_file(text, path)
                self.engine.runAndWait()
            if has_audio(path):
                return
        try:
            EspeakEngine().synthesise(text, voice, rate, path)
        except SpeechError:
            raise SpeechError(f"pyttsx3 wrote no audio for {text[:40]!r}") from None


class EspeakEngine:
    name = "espeak-ng"

    def __init__(self):
        self.program = shutil.which("espeak-ng") or shutil.which("espeak")
        if self.program is None:
            raise SpeechError("neither pyttsx3 nor the espeak-ng program can speak here: install espeak-ng "
                              "(apt-get install espeak-ng, brew install espeak-ng)")
        self._voices: list[Voice] | None = None

    def voices(self) -> list[Voice]:
        if self._voices is None:
            listing = subprocess.run([self.program, "--voices"], capture_output=True, text=True, check=False).stdout
            voices = []
            for line in listing.splitlines()[1:]:
                fields = line.split()
                if len(fields) >= 5:  # Pty Language Age/Gender VoiceName File (Other...)
                    voices.append(Voice(fields[4].lower(), fields[3].replace("_", " "), (fields[1],)))
            self._voices = voices
        return self._voices

    def synthesise(self, text: str, voice: Voice, rate: int, path: str) -> None:
        done = subprocess.run([self.program, "-v", voice.id, "-s", str(rate), "-w", path],
                              input=text, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not has_audio(path):
            raise SpeechError(f"espeak-ng failed: {done.stderr.strip() or done.returncode}")


_ENGINES = {"pyttsx3": Pyttsx3Engine, "espeak-ng": EspeakEngine}
_opened: dict[str, object] = {}


@atexit.register
def _close_engines() -> None:
    """Let pyttsx3's driver go while the interpreter is whole: freed at teardown, its
    `__del__` finds its modules gone and prints an ignored exception after our output."""
    _opened.clear()
    gc.collect()


def open_engine(name: str | None = None):
    """The engine asked for (or in IVR_LINT_TTS), else pyttsx3, else espeak-ng; opened once."""
    name = name or os.environ.get(ENV_ENGINE) or None
    if name is not None and name not in _ENGINES:
        raise SpeechError(f"unknown speech engine {name!r} (choose from {', '.join(_ENGINES)})")
    order = [name] if name else list(_ENGINES)
    problems = []
    for candidate in order:
        if candidate in _opened:
            return _opened[candidate]
        try:
            _opened[candidate] = _ENGINES[candidate]()
            return _opened[candidate]
        except SpeechError as error:
            problems.append(str(error))
        except Exception as error:  # noqa: BLE001 - pyttsx3 raises whatever its driver raises
            problems.append(f"{candidate} cannot start: {type(error).__name__}: {error}")
    raise SpeechError("; ".join(problems))
