"""How fast `ivr-lint server` answers, over the LSP protocol as an editor talks to it.

    .venv/bin/python benchmarks/server.py            # a 1,000-node flow, 10 edits
    .venv/bin/python benchmarks/server.py 5000 20    # nodes, edits

Spawns the server, times `initialize` (start-up), then opens a flow made by
benchmarks/generate.py and, for each edit, sends didChange (one prompt's text changed, a
quiet pause between edits as when a user stops typing) and times until the
publishDiagnostics of that version arrives. Bars: start-up < 1 s, an edit < 300 ms.
Run by hand, not in the test suite.
"""

from __future__ import annotations

import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from generate import generate  # noqa: E402


class Client:
    def __init__(self):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen([sys.executable, "-m", "ivr_lint", "server"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        self.logs: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> float:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        started = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()
        return started

    def request(self, method: str, params) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, accept, timeout: float = 60.0):
        deadline = time.monotonic() + timeout
        while True:
            at, message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if message.get("method") == "window/logMessage":
                self.logs.append(message["params"]["message"])
                continue
            if accept(message):
                return at, message


def cpu_seconds(pid: int) -> float | None:
    """CPU time a process has used so far (Linux), to tell its own cost from a busy machine's."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def main(argv: list[str]) -> int:
    nodes = int(argv[0]) if argv else 1000
    edits = int(argv[1]) if len(argv) > 1 else 10
    folder = tempfile.mkdtemp(prefix="ivr-lint-server-bench-")
    os.mkdir(os.path.join(folder, ".git"))
    path = os.path.join(folder, "flow.yaml")
    text = generate(nodes)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    uri = "file://" + path

    started = time.perf_counter()
    client = Client()
    ident = client.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + folder,
                                          "capabilities": {}})
    at, _ = client.wait(lambda m: m.get("id") == ident)
    startup = at - started
    startup_cpu = cpu_seconds(client.process.pid)
    client.send({"method": "initialized", "params": {}})

    def published(version):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                          and m["params"].get("version") == version)

    sent = client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    at, message = client.wait(published(1))
    first = at - sent
    count = len(message["params"]["diagnostics"])
    marker = "Bienvenue au service de test."
    times = []
    for number in range(edits):
        time.sleep(0.5)  # the user stops typing
        text = text.replace(marker, f"Bienvenue au service de test, édition {number}.", 1)
        marker = f"Bienvenue au service de test, édition {number}."
        sent = client.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": number + 2},
            "contentChanges": [{"text": text}]}})
        at, _ = client.wait(published(number + 2))
        times.append(at - sent)
    ident = client.request("shutdown", None)
    client.wait(lambda m: m.get("id") == ident)
    client.send({"method": "exit"})
    client.process.wait(timeout=10)
    checks = [line for line in client.logs if line.startswith("checked ")]
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("server's own timings:", "; ".join(line.rsplit(" in ", 1)[1] for line in checks))
    print(f"flow: {nodes} nodes, {len(text.encode()) // 1024} KiB, {count} diagnostics")
    cpu = f", {startup_cpu * 1000:.0f} ms of CPU" if startup_cpu is not None else ""
    print(f"start-up (spawn -> initialize answered): {startup * 1000:.0f} ms{cpu}   (bar: 1000 ms)")
    print(f"didOpen -> diagnostics (first check, imports the engine): {first * 1000:.0f} ms")
    print(f"didChange -> diagnostics over {edits} edits: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms   (bar: 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
