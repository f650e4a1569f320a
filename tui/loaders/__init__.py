"""Read benchmark results into the canonical DataFrame. Never imports Textual.

Every loader returns the rows it could read plus a list of problems: a bad file or row is
reported and skipped, and never hides the good ones.
"""

from __future__ import annotations

from tui.loaders.common import LoadResult
from tui.loaders.scan import load_bundled, load_paths

__all__ = ["LoadResult", "load_bundled", "load_paths"]
