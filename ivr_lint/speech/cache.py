"""Synthesised prompts kept on disk, one WAV per (text, voice, rate).

Synthesis is the slow part of hearing a flow, and prompts rarely change between two
runs, so each WAV is named by a hash of what produced it and reused. Files are written
under a temporary name and renamed, so an interrupted run leaves no truncated audio.
The location is `--cache-dir`, else $IVR_LINT_CACHE_DIR, else the user's cache folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile

from ivr_lint.speech.voices import Voice

ENV_CACHE = "IVR_LINT_CACHE_DIR"
_VERSION = "1"  # bump when the synthesis settings change in a way the key does not show


def default_dir() -> str:
    if os.environ.get(ENV_CACHE):
        return os.environ[ENV_CACHE]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ivr-lint", "speech")


class SpeechCache:
    def __init__(self, engine, folder: str | None = None):
        self.engine = engine
        self.folder = folder or default_dir()
        self.synthesised = 0
        self.reused = 0

    def key(self, text: str, voice: Voice, rate: int) -> str:
        return hashlib.sha256(f"{_VERSION}\0{voice.id}\0{rate}\0{text}".encode()).hexdigest()[:32]

    def wav(self, text: str, voice: Voice, rate: int) -> str:
        """The WAV of `text`, synthesised only if no run has made it before."""
        path = os.path.join(self.folder, f"{self.key(text, voice, rate)}.wav")
        if os.path.exists(path):
            self.reused += 1
            return path
        os.makedirs(self.folder, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".tts-", suffix=".wav", dir=self.folder)
        os.close(fd)
        try:
            self.engine.synthesise(text, voice, rate, temporary)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self.synthesised += 1
        return path
