"""Convert flows exported from telephony platforms into flow-format-v1 YAML.

Public API (used by `ivr-lint import` and by the commands that accept exports directly):

- `detect_format(data, name)` -> one of `FORMATS`, or None for our own flow YAML or
  anything unrecognised;
- `convert(data, name, fmt=None, *, entry=None)` -> `ImportResult` (the YAML text, where
  each node comes from, the places the export cannot tell, warnings); raises
  `ImportFailure` for an export that cannot be converted;
- `unknown_text`, `has_unknown_text`, `known_text`: the ``[unknown: ...]`` prompt
  convention (see `ivr_lint.importers.result`).

One module per platform; each exposes `convert(data: bytes, name: str, **options) -> Draft`.
"""

from __future__ import annotations

import importlib
import os
import re

from ivr_lint.importers.result import (ImportFailure, ImportResult, Unknown, has_unknown_text, known_text,
                                       unknown_text)
from ivr_lint.text import _lazy
from ivr_lint.text.quoting import shorten

__all__ = ["FORMATS", "ImportFailure", "ImportResult", "Unknown", "convert", "detect_format",
           "has_unknown_text", "known_text", "not_read", "unknown_text"]

#: format name -> module that converts it
FORMATS = {
    "amazon-connect": "ivr_lint.importers.amazon_connect",
    "twilio-studio": "ivr_lint.importers.twilio_studio",
    "genesys-archy": "ivr_lint.importers.genesys_archy",
    "asterisk": "ivr_lint.importers.asterisk",
    "voicexml": "ivr_lint.importers.voicexml",
    "freeswitch": "ivr_lint.importers.freeswitch",
}

_SNIFF = 256 * 1024
_GENESYS_TOP = _lazy.compile(rb"^(inboundCall|inqueueCall|outboundCall|inboundEmail|inboundShortMessage|"
                            rb"inboundChat|inboundMessage|workflow|bot|digitalBot|voiceSurvey|"
                            rb"commonModule|secureCall|voicemail)\s*:", re.M)
_OWN_FLOW = _lazy.compile(rb"^ivr[ \t]*:", re.M)
_ASTERISK_CONF = _lazy.compile(rb"^[ \t]*(exten|same)[ \t]*=>?[ \t]*[^\s]", re.M)
_ASTERISK_CONTEXT = _lazy.compile(rb"^[ \t]*\[[^\]\s]+\][ \t]*(\(.*\))?[ \t]*(;.*)?$", re.M)
_FREESWITCH = _lazy.compile(rb"<menu\s[^>]*\b(greet-long|greet-short|invalid-sound|exit-sound|max-failures)\s*=|"
                           rb"<configuration\s[^>]*\bname\s*=\s*[\"']ivr\.conf[\"']")
_AEL = _lazy.compile(rb"^[ \t]*((abstract[ \t]+)?context|macro)[ \t]+[\w\-]+[ \t]*(\([^)]*\))?[ \t]*\{?", re.M)


def detect_format(data: bytes, name: str) -> str | None:
    """The export format of `data` (file `name`), or None for a flow YAML or unknown content."""
    head = data[:_SNIFF]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None
    stripped = head.lstrip()
    lower_name = name.lower()
    if _OWN_FLOW.search(head) and not stripped.startswith(b"<"):
        return None
    if re.match(rb"(\{|\[\s*[\{\[\"\]])", stripped):
        if b'"ContactFlow"' in head or b'"StartAction"' in head or (b'"Actions"' in head and b'"Version"' in head):
            return "amazon-connect"
        if b'"modules"' in head and (b'"start"' in head or b'"contactFlow"' in head):
            return "amazon-connect"
        if b'"states"' in head and (b'"initial_state"' in head or b'"flags"' in head or b'"transitions"' in head):
            return "twilio-studio"
        return None
    if re.search(rb"<vxml[\s>]", head) or lower_name.endswith((".vxml", ".vxml.xml")):
        return "voicexml"
    if stripped.startswith(b"<") and _FREESWITCH.search(head):
        return "freeswitch"
    if _GENESYS_TOP.search(head):
        return "genesys-archy"
    if lower_name.endswith(".ael") or _AEL.search(head) and b"=>" in head:
        return "asterisk"
    if _ASTERISK_CONF.search(head) and (_ASTERISK_CONTEXT.search(head) or lower_name.endswith(".conf")):
        return "asterisk"
    return None


# -- formats ivr-lint does not read: recognised, so that the refusal says what the file is ----------------
_LABELS = {"amazon-connect": "Amazon Connect", "twilio-studio": "Twilio Studio",
           "genesys-archy": "Genesys Architect (Archy YAML)", "asterisk": "Asterisk (extensions.conf, AEL)",
           "voicexml": "VoiceXML", "freeswitch": "FreeSWITCH IVR menus"}
_MARKDOWN_NAME = (".md", ".markdown", ".mdown", ".mkd")
_MD_HEADING = _lazy.compile(rb"\A\s*(#{1,6}[ \t]+\S|[^\n]+\n(=+|-+)[ \t]*\n)")
_MD_FENCE = _lazy.compile(rb"^[ \t]*(```|~~~)", re.M)
_NCCO = _lazy.compile(rb'"action"\s*:\s*"(talk|input|connect|stream|record|conversation|notify|transfer)"')
_JAMBONZ = _lazy.compile(rb'"verb"\s*:\s*"(gather|say|play|dial|hangup|redirect|config|pause|enqueue|dequeue|'
                        rb'conference|listen|transcribe|lex|dialogflow|sip:decline|sip:refer|tag|leave|message)"')
_RAPIDPRO = _lazy.compile(rb'"(spec_version|action_sets|rule_sets)"\s*:|"flows"\s*:\s*\[[^\]]*"nodes"\s*:', re.S)
_XML_ROOT = _lazy.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s/>]")
_FS_PHRASES = _lazy.compile(rb"<(macros|phrases)[\s>]|<macro\s+name=", re.I)
_FS_DIALPLAN = _lazy.compile(rb"<extension\s+name=[^>]*>\s*(<!--.*?-->\s*)*<condition\s", re.S)


def supported_formats() -> str:
    """The formats ivr-lint reads, for messages."""
    return "ivr-lint flow YAML, and exports of " + ", ".join(_LABELS.get(f, f) for f in FORMATS)


def not_read(data: bytes, name: str) -> str | None:
    """What `data` looks like when it is a format ivr-lint recognises but does not read; else None.

    Only the first 256 KiB are looked at. Called where no supported format was detected.
    """
    head = data[:_SNIFF]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    stripped = head.lstrip()
    if name.lower().endswith(_MARKDOWN_NAME) or (_MD_HEADING.match(head) and _MD_FENCE.search(head)
                                                 and not stripped.startswith((b"{", b"[", b"<"))):
        return "a Markdown document (its code blocks are not flows)"
    if re.match(rb"(\{|\[\s*[\{\[\"\]])", stripped):
        if _RAPIDPRO.search(head):
            return "a RapidPro/TextIt flow export (messaging flows)"
        if _JAMBONZ.search(head):
            return "a jambonz application (a list of jambonz verbs)"
        if _NCCO.search(head) and stripped[:1] == b"[":
            return "a Vonage NCCO (a list of call control actions)"
        return None
    if stripped.startswith(b"<"):
        if _FS_PHRASES.search(head):
            return "a FreeSWITCH phrase file (phrase macros: what is said, not a menu)"
        if _FS_DIALPLAN.search(head):
            return "a FreeSWITCH dialplan (extensions and conditions)"
    return None


def _refusal(data: bytes, name: str) -> str:
    """One line saying what the file looks like and which formats are read (the file itself is not quoted)."""
    shape = not_read(data, name)
    if shape:
        return f"{name} looks like {shape}, a format ivr-lint does not read; it reads {supported_formats()}"
    stripped = data[:_SNIFF].lstrip()
    if stripped.startswith(b"<"):
        root = _XML_ROOT.search(re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", stripped[:4096], flags=re.S))
        what = f"an XML document (root <{root.group(2).decode('ascii', 'replace')}>)" if root else "an XML document"
        return f"{name} is {what} in no format ivr-lint reads; it reads {supported_formats()}"
    hint = ""
    if re.search(rb"^\s*\[[^\]\s]+\]\s*$", stripped, re.M):  # sections: perhaps a dialplan with unusual lines
        hint = "; if it is an Asterisk dialplan, name it with --from asterisk"
    return f"cannot tell which platform {name} was exported from; ivr-lint reads {supported_formats()}{hint}"


def convert(data: bytes, name: str, fmt: str | None = None, *, entry: str | None = None) -> ImportResult:
    """Convert an export into a flow-format-v1 YAML document.

    `fmt` forces the format (else it is detected); `entry` picks the starting point
    where an export has several (Asterisk: "CONTEXT" or "CONTEXT,EXTENSION").
    """
    if fmt is None:
        fmt = detect_format(data, name)
        if fmt is None:
            if not data.strip():
                raise ImportFailure(f"{name} is empty")
            if b"\x00" in data[:_SNIFF] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise ImportFailure(f"{name} holds binary content, not a flow export")
            shape = not_read(data, name)
            if shape is None and _OWN_FLOW.search(data[:_SNIFF]):
                raise ImportFailure(f"{name} is already an ivr-lint flow (it has a top-level `ivr:` key)")
            if shape is None and re.match(rb"(\{|\[\s*[\{\[\"\]])", data.lstrip()):
                from ivr_lint.importers.jsonpos import parse_json
                from ivr_lint.importers.textutil import decode_export

                parse_json(decode_export(data))  # raises a precise error for broken JSON
                raise ImportFailure(f"{name} is JSON but neither an Amazon Connect flow (Actions, modules, "
                                    f"ContactFlow) nor a Twilio Studio flow (states); ivr-lint reads "
                                    f"{supported_formats()}")
            raise ImportFailure(_refusal(data, name))
    if fmt not in FORMATS:
        raise ImportFailure(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    module = importlib.import_module(FORMATS[fmt])
    options = {"entry": entry} if entry else {}
    try:
        draft = module.convert(data, name, **options)
        result = draft.finish()
    except RecursionError:
        raise ImportFailure("the export is nested too deeply to convert") from None
    except Exception as error:
        if is_importer_bug(error, module):
            raise  # the command line reports it as an internal error (exit 2), with its place
        # a value of an unexpected type where the platform module reads the export
        message = shorten(" ".join(str(error).split()))
        raise ImportFailure(f"the export does not have the structure of a {fmt} export "
                            f"({type(error).__name__}: {message})") from None
    verify(result)
    return result


_DATA_ERRORS = (TypeError, AttributeError, KeyError, IndexError, ValueError, OverflowError)
_CALL_ERROR = _lazy.compile(r"got multiple values for|unexpected keyword argument|missing \d+ required|"
                           r"takes \d+ positional|positional arguments? but|object is not callable")
_READERS = ("jsonpos.py", "textutil.py")


def is_importer_bug(error: Exception, module) -> bool:
    """Whether `error` is a fault of ivr-lint rather than of the export.

    A bug: any exception that is not about a value (an assertion, a name...), a call with
    the wrong arguments, or a failure in the draft and its writer, which only ever see
    values the platform module has already read. What the platform module itself (and
    the JSON and text readers) raise about a value of the wrong type or shape is a bad
    export.
    """
    if not isinstance(error, _DATA_ERRORS) or isinstance(error, UnicodeEncodeError):
        return True
    if isinstance(error, TypeError) and _CALL_ERROR.search(str(error)):
        return True
    import traceback  # only for an export that failed: its import is a start-up cost

    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return True
    innermost = os.path.abspath(frames[-1].filename)
    platform = os.path.abspath(module.__file__)
    if os.path.basename(platform) == "__init__.py":  # a package (asterisk): all of its modules
        platform = os.path.dirname(platform) + os.sep
    readers = [os.path.join(_HERE, name) for name in _READERS]
    return not (innermost == platform or innermost.startswith(platform) and platform.endswith(os.sep)
                or innermost in readers)


_HERE = os.path.dirname(os.path.abspath(__file__))


#: the loader's findings that make `check` reject a file
_REJECTED = ("syntax-error", "schema-error", "duplicate-key")
_NODE_KEY = _lazy.compile(r'  (?:\? (?P<explicit>\S.*)|(?P<implicit>"(?:[^"\\]|\\.)*"|[^\s#"?:][^:]*):\s*)$')


def verify(result: ImportResult) -> None:
    """Load the YAML written with the loader and builder `check` uses; an export that
    yields a flow `check` would reject fails here, naming the export element it comes from,
    so no import ever writes a file that `check` then refuses."""
    from ivr_lint.loading.source import ContentError, SourceText
    from ivr_lint.loading.yamlparse import compose
    from ivr_lint.model.builder import FlowBuilder

    source = SourceText(name="imported flow", text=result.yaml_text)
    try:
        root = compose(source.text)
    except ContentError as error:
        problems = [(error.pos.line, str(error))]
    else:
        builder = FlowBuilder(source)
        builder.build(root)
        problems = [(f.line, f"{f.rule}: {f.message}") for f in builder.findings if f.rule in _REJECTED]
    if not problems:
        return
    line, message = problems[0]
    node = _node_at(result.yaml_text, line)
    element = result.origin_ids.get(node) if node else None
    origin = result.origins.get(node) if node else None
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise ImportFailure(f"the export yields a flow that `ivr-lint check` would reject: {message}{more}",
                        *(origin or (None, None)), element=element or (node and f"node {node}") or None)


def _node_at(text: str, line: int) -> str | None:
    """The id of the node whose YAML block holds `line` (1-based), if the line is in `nodes:`."""
    import json

    lines = text.splitlines()
    try:
        first = lines.index("nodes:")
    except ValueError:
        return None
    current = None
    for number in range(first + 1, min(line, len(lines))):
        match = _NODE_KEY.match(lines[number])
        if match:
            key = (match.group("explicit") or match.group("implicit")).strip()
            try:
                current = json.loads(key) if key.startswith('"') else key
            except ValueError:  # YAML-only escapes: the key as written still names the node
                current = key
    return current
