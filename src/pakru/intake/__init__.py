"""The path from a publisher's data to ``data/``: ``pakru import`` (a downloaded file) and
``pakru update`` (the publishers' APIs).

Per publisher, one package under :mod:`.publishers` (reader, rows, fetch, source declaration),
listed once in :mod:`.registry`. Shared by all of them:

* :mod:`.publisher`  the declaration types (Publisher, Kind, Api, ImportOptions)
* :mod:`.infile`     whole-file checks before any reader runs (size, UTF-8, digits, cut files)
* :mod:`.workbook`, :mod:`.sandbox`  spreadsheets checked and read in a child process with limits
* :mod:`.extract`, :mod:`.rows`      what a reader gives, and the shared row builders
* :mod:`.merge`      merge rules and the diff they produce
* :mod:`.plan`       one import: merge every dataset, validate, then write all or nothing
* :mod:`.store`      CSV text in and out of ``data/``
* :mod:`.journal`    an import applied atomically across files, rolled forward after a crash
* :mod:`.provenance` the source registry row and the import log (file, SHA-256, UTC date)
* :mod:`.fetch`      HTTP with deadlines, a size cap and retries (stamina)
* :mod:`.update`     ``pakru update``: fetch, snapshot, import, status file
* :mod:`.cli`        the ``import`` and ``update`` subcommands
"""
