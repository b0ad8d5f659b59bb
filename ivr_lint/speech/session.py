"""Speech for one command run: a voice per flow language, cached WAVs, measured durations."""

from __future__ import annotations

from ivr_lint.model.flow import Flow
from ivr_lint.speech.cache import SpeechCache
from ivr_lint.speech.engines import open_engine
from ivr_lint.speech.voices import Voice, pick
from ivr_lint.speech.wav import duration

DEFAULT_RATE = 150  # words per minute, the rate the duration estimate assumes


class Speech:
    def __init__(self, voice: str | None = None, rate: int = DEFAULT_RATE, cache_dir: str | None = None,
                 engine: str | None = None):
        self.engine = open_engine(engine)
        self.cache = SpeechCache(self.engine, cache_dir)
        self.wanted = voice
        self.rate = rate
        self._voices: dict[str, Voice] = {}
        self._paths: dict[tuple[str, str], str] = {}
        self._seconds: dict[tuple[str, str], float] = {}

    def voice_for(self, flow: Flow) -> Voice:
        """Raises SpeechError when no voice fits (checked before a call starts)."""
        if flow.language not in self._voices:
            self._voices[flow.language] = pick(self.engine.voices(), flow.language, self.wanted)
        return self._voices[flow.language]

    def wav(self, text: str, flow: Flow) -> str:
        """The WAV of `text` in the flow's voice (looked up once per run)."""
        key = (text, flow.language)
        if key not in self._paths:
            self._paths[key] = self.cache.wav(text, self.voice_for(flow), self.rate)
        return self._paths[key]

    def seconds(self, text: str, flow: Flow) -> float:
        """Measured duration of `text` said in the flow's voice (0 for an empty text)."""
        if not text.strip():
            return 0.0
        key = (text, flow.language)
        if key not in self._seconds:
            self._seconds[key] = duration(self.wav(text, flow))
        return self._seconds[key]

    def report(self) -> str:
        voices = ", ".join(sorted({v.id for v in self._voices.values()}))
        return (f"speech: {self.cache.synthesised} prompts synthesised, {self.cache.reused} reused from "
                f"{self.cache.folder} ({self.engine.name}, voice {voices}, rate {self.rate} words per minute)")
