"""crimestats: every statistical figure of a Vietnamese public-security report, with its context."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Figure", "Skipped", "extract", "extract_path", "iter_scan", "scan", "__version__"]

# name -> (module, attribute). The pipeline's functions give each figure what only the whole
# document tells (its place, repeat_of) after extraction.
_LAZY = {"extract": ("pipeline", "extract"), "extract_path": ("pipeline", "extract_path"),
         "scan": ("pipeline", "scan_figures"), "iter_scan": ("pipeline", "iter_scan_figures"),
         "Figure": ("figure", "Figure"), "Skipped": ("figure", "Skipped")}


def __getattr__(name: str):
    # Imported on first use, so that `crimestats --version` does not load the extraction engine.
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        return getattr(import_module(f".{module}", __name__), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY])
