"""crimestats: every statistical figure of a Vietnamese public-security report, with its context."""

from __future__ import annotations

__version__ = "0.1.0"

from .extractor import extract, extract_path, scan  # noqa: E402
from .figure import Figure, Skipped  # noqa: E402

__all__ = ["Figure", "Skipped", "extract", "extract_path", "scan", "__version__"]
