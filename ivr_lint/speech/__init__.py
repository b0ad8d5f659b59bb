"""Prompts as a caller hears them: synthesised with pyttsx3 (espeak-ng on Linux).

- `voices`: the voice that matches a flow's `language`, or the one asked for;
- `engines`: pyttsx3 writing WAV files, or the espeak-ng program when pyttsx3 cannot start;
- `cache`: one WAV per (text, voice, rate), so a second run synthesises nothing;
- `wav`: durations and joining prompts and silences into one call recording;
- `player`: playing a WAV on the audio device, and telling when there is none;
- `session`: what the simulator and `ivr-lint audio` use: durations, files, playback.

pyttsx3 and the engines are imported only when speech is asked for.
"""
