"""warta on Dask: whole crawls in parallel, into Parquet shards partitioned by date.

>>> from warta.dist import run
>>> report = run(["CC-NEWS-20170914.warc.gz"], "out/", workers=2)   # doctest: +SKIP

Dask, pyarrow and fastwarc load only when a run starts, so ``import warta.dist`` is cheap.
See :mod:`warta.dist.runner` for the run, :mod:`warta.dist.shards` for the tables written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warta.dist.runner import DistReport, read_manifest, run

__all__ = ["DistReport", "read_manifest", "run"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        import importlib

        module = importlib.import_module("warta.dist.runner")

        return getattr(module, name)
    raise AttributeError(f"module 'warta.dist' has no attribute {name!r}")
