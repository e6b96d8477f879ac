"""`hadath serve --db DIR`: the web interface and JSON API over a store (FastAPI + uvicorn).

Binds to 127.0.0.1 unless told otherwise; read-only unless `--allow-writes` with a token.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from hadath.cli.app import ExitCode, app


@app.command("serve")
def serve_command(
    *,
    db: Annotated[Path, typer.Option("--db", help="store directory (from hadath ingest)")],
    host: Annotated[str, typer.Option(help="address to bind; 127.0.0.1 keeps it local")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="enable POST /api/documents (needs --token)")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            help="bearer token for writing endpoints (or HADATH_WRITE_TOKEN)",
            envvar="HADATH_WRITE_TOKEN",
        ),
    ] = None,
    lang: Annotated[str, typer.Option(help="default page language: ar or en")] = "ar",
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="a Host name the server also answers to (bound to 127.0.0.1 it answers only "
            "to 127.0.0.1, localhost and ::1: a DNS-rebinding page cannot read the API)",
        ),
    ] = None,
) -> None:
    """Serve the web pages and the JSON API (OpenAPI at /api/openapi.json, docs at /api/docs)."""
    import uvicorn

    from hadath.store import StoreBusyError
    from hadath.store.schema import StoreVersionError
    from hadath.web.app import create_app
    from hadath.web.hosts import HostCheckMiddleware, allowed_hosts
    from hadath.web.settings import WebSettings

    try:
        settings = WebSettings(allow_writes=allow_writes, write_token=token, default_lang=lang)
        application = create_app(db, settings=settings)
    except ValueError as error:
        typer.echo(f"hadath serve: {error}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None
    except StoreBusyError as error:
        typer.echo(f"hadath serve: {error}", err=True)
        raise typer.Exit(ExitCode.BUSY) from None
    except (FileNotFoundError, StoreVersionError) as error:
        typer.echo(f"hadath serve: {error}", err=True)
        raise typer.Exit(ExitCode.INPUT) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"hadath serve: listening on {host}: reachable from other machines", err=True)
    hosts = allowed_hosts(host, allow_host or ())
    served = application if hosts is None else HostCheckMiddleware(application, hosts)
    typer.echo(f"hadath serve: http://{host}:{port}/ (store {db}, pid {os.getpid()})", err=True)
    uvicorn.run(served, host=host, port=port, log_level="warning")
