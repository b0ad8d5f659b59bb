"""Telephony audio encodings: prompts resampled and re-encoded by SoX.

Platforms often want 8 kHz mono µ-law (North America, Japan) or A-law (Europe) prompts;
resampling and G.711 companding are SoX's trade, so it does them (`scripts/setup.sh`
installs it), in memory, one prompt at a time.
"""

from __future__ import annotations

import shutil
import subprocess

from ivr_lint.speech.voices import SpeechError

#: --encoding -> SoX output options (16-bit PCM, or 8-bit G.711 in a WAV container)
ENCODINGS = {
    "wav": ["-e", "signed-integer", "-b", "16"],
    "ulaw": ["-e", "mu-law", "-b", "8"],
    "alaw": ["-e", "a-law", "-b", "8"],
}


def convert(pcm_wav: bytes, sample_rate: int | None, encoding: str) -> bytes:
    """`pcm_wav` (a mono or stereo PCM WAV) as mono WAV at `sample_rate` in `encoding`."""
    if encoding == "wav" and sample_rate is None:
        return pcm_wav
    sox = shutil.which("sox")
    if sox is None:
        raise SpeechError("--sample-rate and --encoding need SoX: install the `sox` package "
                          "(apt-get install sox; scripts/setup.sh does it)")
    rate = ["-r", str(sample_rate)] if sample_rate else []
    done = subprocess.run([sox, "-q", "-t", "wav", "-", *rate, "-c", "1", *ENCODINGS[encoding], "-t", "wav", "-"],
                          input=pcm_wav, capture_output=True)
    if done.returncode != 0:
        raise SpeechError(f"SoX could not convert a prompt: {done.stderr.decode(errors='replace').strip()[:200]}")
    return done.stdout
