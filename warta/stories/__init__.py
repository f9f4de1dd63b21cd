"""Stories: near-duplicates, story clustering, timelines and summaries.

* ``summarize`` / ``summary_stage``: extractive summaries (pipeline stage, runs last).
* ``dedup``: syndicated copies by MinHash LSH; one canonical article per group.
* ``links``: "Baca juga" titles resolved to stored articles.
* ``cluster``: incremental story clustering within a time window.
* ``timeline``: events and quotes of a story or an actor, by event date.
* ``update(store)``: the corpus stage that runs all of the above on the store,
  for the articles not processed yet.

Importing this package stays cheap (the pipeline imports ``summarize``); the
corpus-level modules load when they are used.
"""

from __future__ import annotations

from typing import Any


def update(store: Any, **options: Any) -> Any:
    """Assign stored articles not yet processed to copies and stories; see ``store_stage``."""
    from .store_stage import update as _update

    return _update(store, **options)


__all__ = ["update"]
