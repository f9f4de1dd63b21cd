"""Command-line entry points of the web layer: ``warta serve`` and ``warta token``.

They are plain click commands so that the main CLI only has to register them.
"""

from __future__ import annotations

import os

import click

from ..errors import WartaError

DB_HELP = "The store: a SQLite file or a database URL."


@click.command("serve")
@click.option("--db", "db", required=True, envvar="WARTA_DB", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--closed-reads",
    is_flag=True,
    help="Require an API token for reading too (pages and GET endpoints).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (one per CPU core serves the most readers).",
)
def serve(db: str, host: str, port: int, closed_reads: bool, workers: int) -> None:
    """Serve the web page and the HTTP API over a store."""
    import uvicorn

    from .app import ENV_OPEN_READS, ENV_STORE, create_app

    try:
        app = create_app(db, open_reads=not closed_reads)  # fails early on a bad store
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"warta: serving {db} on http://{host}:{port}/ (API schema at /openapi.json)")
    options = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    if workers == 1:
        uvicorn.run(app, **options)
        return
    os.environ[ENV_STORE] = db
    os.environ[ENV_OPEN_READS] = "0" if closed_reads else "1"
    uvicorn.run("warta.web.app:app_from_environment", factory=True, workers=workers, **options)


@click.group("token")
def token() -> None:
    """API tokens for writing (and for reading when reads are closed)."""


@token.command("create")
@click.argument("name")
@click.option("--db", "db", required=True, envvar="WARTA_DB", help=DB_HELP)
def token_create(name: str, db: str) -> None:
    """Create a token for NAME and print it; it is shown only this once."""
    from ..store import open_store
    from .auth import create_token

    try:
        with open_store(db) as store:
            value = create_token(store, name)
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    except WartaError as e:
        raise click.ClickException(str(e)) from e
    click.echo(value)
    click.echo("Keep it now: only its hash is stored.", err=True)


@token.command("list")
@click.option("--db", "db", required=True, envvar="WARTA_DB", help=DB_HELP)
def token_list(db: str) -> None:
    """List token names and creation times (never the tokens)."""
    from ..store import open_store
    from .auth import list_tokens

    with open_store(db) as store:
        for t in list_tokens(store):
            state = "revoked" if t["revoked"] else "active"
            click.echo(f"{t['name']}\t{t['created']}\t{state}")


@token.command("revoke")
@click.argument("name")
@click.option("--db", "db", required=True, envvar="WARTA_DB", help=DB_HELP)
def token_revoke(name: str, db: str) -> None:
    """Revoke every token called NAME."""
    from ..store import open_store
    from .auth import revoke_token

    with open_store(db) as store:
        n = revoke_token(store, name)
    if not n:
        raise click.ClickException(f"no active token called {name!r}")
    click.echo(f"revoked {n} token(s) called {name}")
