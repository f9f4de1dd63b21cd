"""Request dependencies shared by the API and the pages: the store and the token checks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .auth import verify_token

#: The browser keeps a token here after /login, for servers with closed reads.
COOKIE = "warta_token"

bearer = HTTPBearer(
    auto_error=False,
    description="An API token from `warta token create NAME`.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def get_store(request: Request) -> Any:
    """The store, as a proxy that opens the using thread's own connection.

    Dependencies are async so that they run on the event loop: a blocking
    dependency costs a trip through the worker pool per request, and under
    load those trips cost more than the query. The proxy defers the choice of
    connection to the endpoint's worker thread, where the query runs.
    """
    return request.app.state.stores.proxy


Store = Annotated[Any, Depends(get_store)]


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


async def require_writer(request: Request, credentials: Credentials) -> str:
    """The token owner's name; 401 unless a valid token came in the header.

    Writes accept only the Authorization header, never the cookie, so a page
    on another site cannot make a signed-in browser post articles.
    """
    token = credentials.credentials if credentials else None
    name = verify_token(request.app.state.stores.get(), token)
    if name is None:
        raise _unauthorized("a valid API token is required (Authorization: Bearer <token>)")
    return name


def _header_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def require_reader(request: Request) -> None:
    """Nothing when reads are open; otherwise a valid token (header or cookie).

    The header is read by hand rather than through ``bearer`` so that, with
    open reads, the schema does not claim that reads need a token; with
    closed reads ``create_app`` declares it on every read operation.
    """
    if request.app.state.open_reads:
        return
    token = _header_token(request) or request.cookies.get(COOKIE)
    if verify_token(request.app.state.stores.get(), token) is None:
        raise _unauthorized("this server needs an API token to read")
