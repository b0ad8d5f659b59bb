"""The file name each prompt's recording gets: one rule for `ivr-lint audio`, which writes
them, and `ivr-lint prompts`, which tells the studio what to name them."""

from __future__ import annotations

import re

from ivr_lint.model.flow import Flow

_UNSAFE = re.compile(r"[^\w.\-]+")
#: bytes of a file name made from a node id, before the extension and any prefix: far
#: below the 255 of common file systems, with room for "NN-" and ".wav"
MAX_NAME_BYTES = 96


def safe_filename(name: str, taken: set[str] | None = None) -> str:
    """A file name made from a node id that stays inside its folder: no separators, no
    leading dot, at most MAX_NAME_BYTES bytes (a long id is cut and given a hash of the whole
    id, so two long ids stay apart), unique among `taken` (which it updates)."""
    base = _UNSAFE.sub("_", name).lstrip(".") or "node"
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:
        import hashlib  # OpenSSL is loaded only for a long name

        digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        cut = base.encode("utf-8")[:MAX_NAME_BYTES - 11].decode("utf-8", "ignore")
        base = f"{cut}-{digest}"
    candidate, n = base, 2
    while taken is not None and candidate.lower() in taken:
        candidate, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(candidate.lower())
    return candidate


def recording_names(flow: Flow) -> dict[str, str]:
    """Node id -> its recording's file name (NODE.wav), for every node with a prompt, in file order."""
    taken: set[str] = set()
    return {node.id: f"{safe_filename(node.id, taken)}.wav" for node in flow.nodes.values()
            if any(part.text.strip() for part in node.prompt)}
