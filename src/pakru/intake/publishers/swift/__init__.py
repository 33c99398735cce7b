"""SWIFT's RMB Tracker: monthly PDF reports of currency shares in SWIFT payments, read from a
transcription (CSV). SWIFT publishes reports, not an API.

* :mod:`.reader` the transcription layouts (the project's own and a student project's)
* :mod:`.rows`   their rows for ``data/payments/currency_shares.csv``
* :mod:`.source` the declaration: source rows, file kinds, API (:data:`.source.PUBLISHER`)
"""
