"""Data shipped inside the package: sample articles and trained models."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_paths() -> list[str]:
    """The bundled sample articles (short texts written in the outlets' styles)."""
    folder = resources.files(__package__).joinpath("samples")
    return sorted(str(Path(str(p))) for p in folder.iterdir() if p.name.endswith(".txt"))
