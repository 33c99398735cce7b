"""The path from a publisher's data to ``data/``: ``pakru import`` (a downloaded file) and
``pakru update`` (the publishers' APIs).

* :mod:`.kinds`      which file formats can be imported, into which dataset, from where
* :mod:`.trade_rows`, :mod:`.payments_rows`, :mod:`.defence_rows`  publisher rows → data rows
* :mod:`.merge`      merge rules and the diff they produce
* :mod:`.plan`       one import: merge every dataset, validate, then write all or nothing
* :mod:`.store`      CSV text in and out of ``data/``, atomic replacement
* :mod:`.provenance` the source registry row and the import log (file, SHA-256, UTC date)
* :mod:`.fetch`      HTTP with timeouts and bounded retries
* :mod:`.imf`, :mod:`.comtrade`  the two publishers' APIs
* :mod:`.update`     ``pakru update``: fetch, snapshot, import, status file
* :mod:`.cli`        the ``import`` and ``update`` subcommands
"""
