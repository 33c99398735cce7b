"""SIPRI, the Stockholm International Peace Research Institute: the Arms Transfers Database's trade
register and TIV table. SIPRI publishes files, not an API.

* :mod:`.reader` the register and TIV CSVs in SIPRI's own layouts
* :mod:`.rows`   their rows for ``data/defence/``
* :mod:`.source` the declaration: source rows, file kinds, API (:data:`.source.PUBLISHER`)
"""
