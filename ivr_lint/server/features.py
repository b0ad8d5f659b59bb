"""Which LSP method each feature module answers; the only place that knows them all.

The feature modules (and through them the engine, networkx, the rules) are imported by
the handlers on first use and warmed up once the client is told the server is ready, so
that `initialize` is answered at once.
"""

from __future__ import annotations

import asyncio
import logging
import os

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.uris import from_fs_path

from ivr_lint.server.app import IvrLanguageServer
from ivr_lint.server.ranges import Lines

log = logging.getLogger("ivr_lint.server")


def warm_up() -> None:
    """Import what the first check needs while the user is still opening a file, and keep
    what start-up compiled (`compiled`: the next start is faster)."""
    from ivr_lint.server import actions, completion, compiled, hover, navigation, rename, symbols, workspace  # noqa: F401

    compiled.save()


def register(server: IvrLanguageServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: IvrLanguageServer, params: types.InitializeParams):
        roots = [f.uri for f in params.workspace_folders or []] or (
            [params.root_uri] if params.root_uri else [])
        paths = [ls.path_of(uri) for uri in roots]
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        ls.roots = [p for p in paths if p]
        ls.only_flows = bool(options.get("onlyFlows", False))
        if options.get("ruleDocUrl"):
            ls.docs.template = str(options["ruleDocUrl"])

    @server.feature(types.INITIALIZED)
    def initialized(ls: IvrLanguageServer, params: types.InitializedParams):
        log.info("ivr-lint server ready (workspace: %s)", ", ".join(ls.roots) or "none")
        asyncio.get_running_loop().call_soon(warm_up)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: IvrLanguageServer, params: types.DidOpenTextDocumentParams):
        key = ls.sync(params.text_document.uri)
        if key is not None:
            ls.publish(key)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: IvrLanguageServer, params: types.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: IvrLanguageServer, params: types.DidSaveTextDocumentParams):
        key = ls.sync(params.text_document.uri)
        if key is None:
            return
        if key.rsplit("/", 1)[-1] in ("pyproject.toml", "service.yaml", "service.yml"):
            ls.state.forget_settings()
            for other in list(ls.state.buffers):
                ls.publish(other)
            return
        ls.publish(key)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: IvrLanguageServer, params: types.DidCloseTextDocumentParams):
        key = ls.path_of(params.text_document.uri)
        if key is not None:
            ls.state.close(key)
            ls.send(key, [])

    # -- reading features: they answer from the last check (made now if one is pending) ------
    def current(ls: IvrLanguageServer, uri: str):
        key = ls.path_of(uri)
        if key is None:
            return None
        ls.flush(key)
        checked = ls.state.checked.get(key)
        if checked is None:
            try:
                checked = ls.state.check(key)[key]
            except Exception:  # noqa: BLE001
                return None
        return key, checked, Lines(ls.text_of(key))

    def spot_of(ls, uri, position):
        from ivr_lint.server.locate import spot

        found = current(ls, uri)
        if found is None:
            return None
        key, checked, lines = found
        line0, index = lines.index(position)
        return key, checked, lines, spot(checked.loaded.flow, lines, line0, index)

    def target_of(ls, key, checked, at):
        """(path, loaded, node id) of the node the spot names or stands on."""
        from ivr_lint.server.navigation import goto_destination

        if at.kind in ("node", "target"):
            return key, checked.loaded, at.name
        if at.kind in ("goto-flow", "goto-node"):
            destination = goto_destination(key, at)
            if destination is None:
                return None
            path, node_id = destination
            target = checked.project.files.get(path)
            if target is None or target.flow is None:
                return path, None, None
            return path, target, node_id or target.flow.start
        return None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: IvrLanguageServer, params: types.DefinitionParams):
        from ivr_lint.server.navigation import location, node_key

        found = spot_of(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        key, checked, lines, at = found
        if at.kind == "node":
            return None
        target = target_of(ls, key, checked, at)
        if target is None:
            return None
        path, loaded, node_id = target
        if loaded is None:
            return types.Location(uri=from_fs_path(path), range=types.Range(types.Position(0, 0),
                                                                            types.Position(0, 0)))
        place = node_key(loaded, node_id, Lines(ls.text_of(path)))
        return location(place, Lines(ls.text_of(path))) if place is not None else None

    def all_references(ls, path, loaded, node_id):
        from ivr_lint.server.navigation import Place, goto_references, local_references

        texts = {path: ls.text_of(path)}
        places = local_references(loaded.flow, node_id, Lines(texts[path]), path)
        for other in ls.state.flows():
            real = os.path.realpath(other.path)
            if real == path:
                continue
            texts[real] = ls.text_of(real)
            places += [Place(real, p.line0, p.start, p.end) for p in
                       goto_references(other, path, loaded, node_id, Lines(texts[real]))]
        return places, texts

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: IvrLanguageServer, params: types.ReferenceParams):
        from ivr_lint.server.navigation import location, node_key

        found = spot_of(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        key, checked, lines, at = found
        target = target_of(ls, key, checked, at)
        if target is None or target[1] is None or target[2] not in target[1].flow.nodes:
            return None
        path, loaded, node_id = target
        places, texts = all_references(ls, path, loaded, node_id)
        if params.context.include_declaration:
            declared = node_key(loaded, node_id, Lines(texts[path]))
            places = ([declared] if declared else []) + places
        return [location(p, Lines(texts[p.path])) for p in places]

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: IvrLanguageServer, params: types.RenameParams):
        from ivr_lint.server.navigation import node_key
        from ivr_lint.server.rename import RenameRefused, rename_edit

        found = spot_of(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        key, checked, lines, at = found
        target = target_of(ls, key, checked, at) if at.kind in ("node", "target", "goto-node") else None
        if target is None or target[1] is None or target[2] not in target[1].flow.nodes:
            raise JsonRpcInvalidRequest(message="place the cursor on a node id to rename it")
        path, loaded, node_id = target
        places, texts = all_references(ls, path, loaded, node_id)
        declared = node_key(loaded, node_id, Lines(texts[path]))
        try:
            return rename_edit(([declared] if declared else []) + places, texts, node_id, params.new_name,
                               set(loaded.flow.nodes))
        except RenameRefused as error:
            raise JsonRpcInvalidParams(message=str(error)) from None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: IvrLanguageServer, params: types.HoverParams):
        from ivr_lint.server.hover import hover

        found = spot_of(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        key, checked, lines, at = found
        published = ls.published.get(key, [])
        word = lines.span(at.line, at.start, at.end)
        return hover(checked, at, published, params.position, word)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: IvrLanguageServer, params: types.DocumentSymbolParams):
        from ivr_lint.server.symbols import document_symbols

        found = current(ls, params.text_document.uri)
        if found is None:
            return None
        key, checked, lines = found
        flow = checked.loaded.flow
        return document_symbols(flow, lines) if flow is not None else []

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[":", " ", "=", ","]))
    def completion(ls: IvrLanguageServer, params: types.CompletionParams):
        from ivr_lint.server.completion import complete

        key = ls.path_of(params.text_document.uri)
        if key is None:
            return None
        ls.sync(params.text_document.uri)
        text = ls.text_of(key)
        lines = Lines(text)
        line0, index = lines.index(params.position)
        checked = ls.state.checked.get(key)
        flow = checked.loaded.flow if checked is not None and checked.loaded.flow is not None else \
            ls.last_flow.get(key)
        return types.CompletionList(is_incomplete=False, items=complete(text, line0, index, flow))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def actions(ls: IvrLanguageServer, params: types.CodeActionParams):
        from ivr_lint.server.actions import code_actions

        found = current(ls, params.text_document.uri)
        if found is None:
            return None
        key, checked, lines = found
        return code_actions(params.text_document.uri, lines, checked.loaded.flow, list(params.context.diagnostics))
