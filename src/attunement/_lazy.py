"""Load package data once, even when threads race to be first."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

R = TypeVar("R")


class LoadOnce(Generic[R]):
    """A thread-safe cache for loaders of package data and tables built from it.

    ``functools.cache`` lets every thread that meets a cold cache run the loader,
    so eight threads racing on first use read the same file eight times and
    hold eight copies. Here the first caller loads while the others wait, and
    all of them get the same object. Hits take no lock.

    Args:
        loader: The function to cache; called with positional, hashable arguments.
        maxsize: How many results to keep (oldest dropped first), or ``None``
            for no limit. Loaders keyed by app-supplied values need a limit.
    """

    def __init__(self, loader: Callable[..., R], maxsize: int | None = None) -> None:
        self._loader = loader
        self._maxsize = maxsize
        self._lock = threading.Lock()
        self.cache: dict[tuple[Hashable, ...], R] = {}
        functools.update_wrapper(self, loader)

    def __call__(self, *args: Hashable) -> R:
        try:
            return self.cache[args]
        except KeyError:
            pass
        with self._lock:
            if args not in self.cache:
                if self._maxsize is not None and len(self.cache) >= self._maxsize:
                    del self.cache[next(iter(self.cache))]
                self.cache[args] = self._loader(*args)
            return self.cache[args]


def load_once(loader: Callable[..., R]) -> LoadOnce[R]:
    """Decorate a package-data loader so it runs once per argument tuple."""
    return LoadOnce(loader)


def load_once_bounded(maxsize: int) -> Callable[[Callable[..., R]], LoadOnce[R]]:
    """Like :func:`load_once`, keeping at most ``maxsize`` results."""
    return lambda loader: LoadOnce(loader, maxsize)
