"""Playing a WAV file on the machine's audio device, or saying there is none.

We try the usual players (PipeWire, PulseAudio, ALSA, macOS, sox) on a short silence
before the call starts: a missing device is then one clear message up front rather
than an error per prompt. `IVR_LINT_PLAYER` names another command (the file is appended).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile

from ivr_lint.speech.wav import silence

ENV_PLAYER = "IVR_LINT_PLAYER"
_PLAYERS = (["pw-play"], ["paplay"], ["aplay", "-q"], ["afplay"], ["play", "-q"])


class Player:
    def __init__(self, command: list[str]):
        self.command = command

    def play(self, path: str) -> bool:
        try:
            return subprocess.run(self.command + [path], capture_output=True, check=False).returncode == 0
        except OSError:
            return False


def find_player() -> tuple[Player | None, str]:
    """A player that works here, or None and the reason."""
    if os.environ.get(ENV_PLAYER):
        return Player(shlex.split(os.environ[ENV_PLAYER])), ""
    installed = [command for command in _PLAYERS if shutil.which(command[0])]
    if not installed:
        return None, "no audio player is installed (pw-play, paplay, aplay, afplay or sox's play)"
    reason = "no player could open it"
    with tempfile.NamedTemporaryFile(suffix=".wav") as probe:
        probe.write(silence(0.05))
        probe.flush()
        for command in installed:
            try:
                done = subprocess.run(command + [probe.name], capture_output=True, text=True, timeout=10, check=False)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if done.returncode == 0:
                return Player(command), ""
            reason = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
    return None, f"no audio device ({' '.join(installed[-1])}: {reason})"
