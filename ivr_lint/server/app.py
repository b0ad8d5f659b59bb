"""The pygls server: protocol wiring, debounced checks, logging to the client.

Checks run on open and save at once, and on change after a pause in typing (DEBOUNCE
seconds; the first change after a quiet spell is checked at once, so one edit waits for
nothing). A change counts as quiet when nothing happened to its file for DEBOUNCE seconds:
no change, and no check ending (keystrokes read after a long check are typing, not a pause). Nothing is ever printed to stdout, which carries the protocol: Python's logging
goes to the client's log channel (window/logMessage).

The cyclic garbage collector does not run on its own in the server: its passes over the
objects a check makes would come before the diagnostics are sent (40 ms at 1,000 nodes).
It runs when the user pauses (IDLE_COLLECT seconds after the last check), or after
COLLECT_EVERY checks in a row without a pause; after the first pass, what is alive then (the
modules, the first state) is frozen out of later passes, which then take a few ms.

Start-up is mostly lsprotocol's import (600 attrs classes): the code attrs and cattrs
generate for them is compiled once and kept in the user's cache (`compiled`), a quarter
less before `initialize` is answered.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import time

from ivr_lint.server import compiled

if "lsprotocol.types" not in sys.modules:  # the server's own process, about to import lsprotocol
    compiled.install()

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ivr_lint import __version__
from ivr_lint.server.diagnostics import RuleDocs, diagnostics, problem_diagnostic

DEBOUNCE = 0.2
IDLE_COLLECT = 1.0
COLLECT_EVERY = 50
log = logging.getLogger("ivr_lint.server")
_SETTINGS_FILES = ("pyproject.toml", "service.yaml", "service.yml")


class IvrLanguageServer(LanguageServer):
    def __init__(self):
        super().__init__("ivr-lint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self._state = None
        self.roots: list[str] = []
        self.only_flows = False
        self.docs = RuleDocs()
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._busy_until: dict[str, float] = {}  # real path -> when its last change or check ended
        self.published: dict[str, list[types.Diagnostic]] = {}
        self._converted: dict[str, dict] = {}  # real path -> its diagnostics by what they are made from
        self.last_flow: dict = {}  # real path -> the last flow that loaded (completion while the YAML is broken)
        self._collection: asyncio.TimerHandle | None = None
        self._uncollected = 0
        self._frozen = False

    @property
    def state(self):
        """The workspace state; the engine is imported with it, after `initialize` is answered."""
        if self._state is None:
            from ivr_lint.server.workspace import Workspace

            self._state = Workspace(self.roots, self.only_flows)
        return self._state

    # -- helpers ---------------------------------------------------------------------------
    def path_of(self, uri: str) -> str | None:
        path = to_fs_path(uri)
        return os.path.realpath(path) if path else None

    def text_of(self, key: str) -> str:
        if key in self.state.buffers:
            return self.state.buffers[key]
        checked = self.state.checked.get(key)
        if checked is not None and checked.loaded.source is not None:
            return checked.loaded.source.text
        try:
            with open(key, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except OSError:
            return ""

    def sync(self, uri: str) -> str | None:
        """Copy pygls' view of an open document into the workspace state; its real path."""
        key = self.path_of(uri)
        if key is None:
            return None
        document = self.workspace.get_text_document(uri)
        self.state.open(key, document.source, document.version)
        return key

    # -- checking --------------------------------------------------------------------------
    def schedule(self, uri: str) -> None:
        key = self.sync(uri)
        if key is None:
            return
        loop = asyncio.get_running_loop()
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending.cancel()
        now = time.monotonic()
        quiet = now - self._busy_until.get(key, 0.0) > DEBOUNCE
        self._busy_until[key] = now
        if quiet and pending is None:
            self.publish(key)
        else:
            self._pending[key] = loop.call_later(DEBOUNCE, self._fire, key)

    def flush(self, key: str) -> None:
        """Run a pending check now: a request must not answer from text older than the buffer."""
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending.cancel()
            self.publish(key)

    def _fire(self, key: str) -> None:
        self._pending.pop(key, None)
        self.publish(key)

    def publish(self, key: str) -> None:
        """Check a file (and the flows reaching it) and publish diagnostics; never raises."""
        try:
            self._publish(key)
        finally:
            # changes that came in while it ran are read now, as if typed now: they wait for a pause
            self._busy_until[key] = time.monotonic()
            self.collect_later()

    def collect_later(self) -> None:
        """Collect garbage once the user pauses, after the diagnostics are sent."""
        if self._collection is not None:
            self._collection.cancel()
            self._collection = None
        self._uncollected += 1
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a check run directly): nothing to defer
            return
        delay = 0.0 if self._uncollected >= COLLECT_EVERY else IDLE_COLLECT
        self._collection = loop.call_later(delay, self._collect)

    def _collect(self) -> None:
        self._collection = None
        self._uncollected = 0
        compiled.save()  # what attrs and cattrs compiled that the cache did not hold
        gc.collect()
        if not self._frozen and not gc.isenabled():  # the modules and the first state: never scanned again (only what
            gc.freeze()  # that state alone holds in cycles stays when it is replaced)
            self._frozen = True

    def _publish(self, key: str) -> None:
        started, cpu = time.monotonic(), time.process_time()
        if self.only_flows and not self.looks_like_flow(key):
            self.send(key, [])
            return
        reused = self.state.reused
        try:
            states = self.state.check(key)
        except Exception as error:  # noqa: BLE001 - the server must outlive any input
            log.error("cannot check %s: %s: %s", key, type(error).__name__, error)
            self.send(key, [problem_diagnostic(str(error))])
            return
        log.info("checked %s (+%d reaching it) in %.0f ms (%.0f ms of CPU)%s", os.path.basename(key), len(states) - 1,
                 (time.monotonic() - started) * 1000, (time.process_time() - cpu) * 1000,
                 "; only lines moved: findings moved" if self.state.reused > reused else "")
        for real, checked in states.items():
            if checked.loaded.flow is not None:
                self.last_flow[real] = checked.loaded.flow
            found = diagnostics(checked.findings, self.text_of(real), self.docs, self._converted.setdefault(real, {}))
            if real == key:
                found += [problem_diagnostic(p) for p in checked.problems if real in p or "service" in p]
                for origin, error in self.state.config_errors.items():
                    found.append(problem_diagnostic(f"settings ignored: {error}"))
            self.send(real, found)

    def looks_like_flow(self, key: str) -> bool:
        text = self.state.buffers.get(key)
        import re

        return text is None or re.search(r"^ivr[ \t]*:", text, re.M) is not None

    def send(self, key: str, found: list[types.Diagnostic]) -> None:
        version = self.state.versions.get(key)
        self.published[key] = found
        if not found:
            self._converted.pop(key, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=from_fs_path(key), diagnostics=found, version=version))


class ClientLogHandler(logging.Handler):
    """Python logging -> window/logMessage."""

    _TYPES = {logging.ERROR: types.MessageType.Error, logging.WARNING: types.MessageType.Warning,
              logging.INFO: types.MessageType.Info}

    def __init__(self, server: LanguageServer):
        super().__init__(logging.INFO)
        self.server = server

    def emit(self, record: logging.LogRecord) -> None:
        try:
            kind = self._TYPES.get(record.levelno, types.MessageType.Log)
            self.server.window_log_message(types.LogMessageParams(type=kind, message=self.format(record)))
        except Exception:  # noqa: BLE001 - before initialisation, or the client left
            pass


def create_server() -> IvrLanguageServer:
    server = IvrLanguageServer()
    from ivr_lint.server import features

    features.register(server)
    return server


def serve() -> None:
    server = create_server()
    gc.disable()  # IvrLanguageServer.collect_later collects when the user pauses
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(ClientLogHandler(server))
    root.setLevel(logging.WARNING)
    log.setLevel(logging.INFO)
    server.start_io()
