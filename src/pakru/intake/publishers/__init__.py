"""One package per publisher; :mod:`pakru.intake.registry` lists them.

Each holds what is particular to that publisher: ``reader.py`` (its file layouts), ``rows.py``
(those records as rows for ``data/``), ``fetch.py`` where it has an API, and ``source.py``, one
:class:`~pakru.intake.publisher.Publisher` declaring its source registry rows, file kinds and API.
Nothing here writes to ``data/``: the shared core (:mod:`.plan`, :mod:`.merge`, :mod:`.store`,
:mod:`.journal`, :mod:`.provenance`) does, under the data lock.
"""
