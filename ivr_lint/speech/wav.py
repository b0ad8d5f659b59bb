"""WAV durations, and one call recording made of prompts and short silences."""

from __future__ import annotations

import io
import wave

GAP_SECONDS = 0.5  # between two prompts of a call


def duration(path: str) -> float:
    with wave.open(path, "rb") as handle:
        return handle.getnframes() / handle.getframerate()


def join(paths: list[str], gap: float = GAP_SECONDS, gaps: list[float] | None = None) -> bytes:
    """The prompts in order, `gap` seconds of silence between them, as one WAV file.

    `gaps[i]`, when given, is the silence after prompt i instead (the caller's real wait
    for an answer), so that the recording lasts as long as the call.

    Every prompt comes from the same engine, so they share one format; a file in another
    format is an error rather than noise in the recording.
    """
    params = None
    frames: list[bytes] = []
    for index, path in enumerate(paths):
        with wave.open(path, "rb") as handle:
            current = handle.getparams()
            if params is None:
                params = current
            elif current[:3] != params[:3]:
                raise ValueError(f"{path}: format {current[:3]} differs from {params[:3]}")
            if index:
                pause = gaps[index - 1] if gaps is not None else gap
                frames.append(b"\0" * (int(pause * params.framerate) * params.sampwidth * params.nchannels))
            frames.append(handle.readframes(handle.getnframes()))
    out = io.BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(params.nchannels if params else 1)
        handle.setsampwidth(params.sampwidth if params else 2)
        handle.setframerate(params.framerate if params else 22050)
        handle.writeframes(b"".join(frames))
    return out.getvalue()


def silence(seconds: float, framerate: int = 22050) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(framerate)
        handle.writeframes(b"\0\0" * int(seconds * framerate))
    return out.getvalue()
