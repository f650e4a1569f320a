"""plotext calls written down before they are made, so a chart whose picture would not change
(a cost model while throughput is shown) is left as it is instead of being rebuilt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Sketch:
    """Takes any plotext call (plt.plot(...), plt.title(...)) and keeps it for draw()."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Callable[..., None]:
        if name.startswith("_"):
            raise AttributeError(name)

        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((name, args, kwargs))

        return record

    def draw(self, plt: Any) -> None:
        """Make the calls on a cleared plotext figure."""
        plt.clear_figure()
        for name, args, kwargs in self.calls:
            getattr(plt, name)(*args, **kwargs)
