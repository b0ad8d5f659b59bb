"""A real `ivr-lint server` process driven by pytest-lsp's client over stdio."""

from __future__ import annotations

import asyncio
import sys
import textwrap
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "ivr_lint", "server"]


def _published(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    waiting = client.waiters.pop(params.uri, [])
    for version, future in waiting:
        if version is not None and version != params.version:
            client.waiters.setdefault(params.uri, []).append((version, future))
        elif not future.done():
            future.set_result(list(params.diagnostics))


def make_client() -> LanguageClient:
    """pytest-lsp's client, also waking whoever waits for a document's diagnostics."""
    client = LanguageClient(converter_factory=default_converter)
    client.waiters = {}
    client.published = []
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _published})
    return client


@pytest.fixture(scope="module")
def shared_folder(tmp_path_factory):
    """A workspace folder shared by the tests of one module (one server for them all)."""
    path = tmp_path_factory.mktemp("workspace")
    (path / ".git").mkdir()
    return path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client), scope="module")
async def shared_client(lsp_client: LanguageClient, shared_folder: Path):
    params = types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=shared_folder.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=shared_folder.as_uri(), name="flows")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def folder(tmp_path):
    """The workspace folder: a git repository root, so settings discovery stops there."""
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: LanguageClient, folder: Path):
    params = types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=folder.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="flows")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


class Editor:
    """What an editor does: open, type, save; and wait for the diagnostics that follow."""

    def __init__(self, client: LanguageClient, folder: Path):
        self.client = client
        self.folder = folder
        self.versions: dict[str, int] = {}

    def uri(self, name: str) -> str:
        return (self.folder / name).as_uri()

    def write(self, name: str, text: str) -> str:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
        return self.uri(name)

    async def open(self, name: str, text: str | None = None, save: bool = True) -> list[types.Diagnostic]:
        """Open a document (written to disk too unless save=False) and return its diagnostics."""
        if text is None:
            text = (self.folder / name).read_text(encoding="utf-8")
        else:
            text = dedent(text)
            if save:
                self.write(name, text)
        uri = self.uri(name)
        self.versions[uri] = 1
        waiting = self.expect(uri, 1)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        return await waiting

    def expect(self, uri: str, version: int | None = None):
        """An awaitable for the next diagnostics published for `uri` (of that version, if given)."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.client.waiters.setdefault(uri, []).append((version, future))
        return asyncio.wait_for(future, 10)

    async def change(self, name: str, text: str, wait: str | None = "self") -> list[types.Diagnostic] | None:
        """Replace the whole buffer (unsaved) and return the diagnostics of `wait` (a name)."""
        uri = self.uri(name)
        self.versions[uri] = self.versions.get(uri, 1) + 1
        if wait == "self":
            waiting = self.expect(uri, self.versions[uri])
        else:
            waiting = self.expect(self.uri(wait)) if wait is not None else None
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=dedent(text))]))
        return await waiting if waiting is not None else None



@pytest.fixture
def editor(client: LanguageClient, folder: Path):
    return Editor(client, folder)


def spans(diagnostics) -> list[tuple[str, int, int, int, int]]:
    """(rule, start line, start character, end line, end character), 0-based as LSP counts."""
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in diagnostics)
