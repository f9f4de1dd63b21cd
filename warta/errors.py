"""Per-item errors: bad input is reported for that item and the run goes on."""

from __future__ import annotations

from dataclasses import dataclass


class WartaError(Exception):
    """An error a user can act on; its message is one clear line."""


@dataclass(slots=True)
class ItemError:
    """One input item that could not be read or analysed."""

    source: str  # file path, with '#row' or '#record' where it applies
    message: str
    stage: str = "read"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
