"""`ivr-lint server`: run the language server on standard input and output."""

from __future__ import annotations

import click


@click.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input/output (the default; for clients that pass it).")
def server(stdio):
    """Run the language server (LSP over stdin/stdout) for editors.

    Diagnostics are those of `ivr-lint check`; it also offers hover, go to definition,
    references, completion, outline, code actions and rename. Needs the `server` extra:
    pip install 'ivr-lint[server]'.
    """
    try:
        from ivr_lint.server.app import serve
    except ImportError as error:
        from ivr_lint.cli.common import fail

        fail(f"the language server needs pygls and lsprotocol ({error}): pip install 'ivr-lint[server]'")
    serve()
