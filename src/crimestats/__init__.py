"""crimestats: every statistical figure of a Vietnamese public-security report, with its context."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Figure", "Skipped", "extract", "extract_path", "iter_scan", "scan", "__version__"]

_LAZY = {"extract": "library", "extract_path": "library", "scan": "library", "iter_scan": "library",
         "Figure": "figure", "Skipped": "figure"}


def __getattr__(name: str):
    # Imported on first use, so that `crimestats --version` does not load the extraction engine.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY])
