"""The International Monetary Fund: goods trade by partner (DOTS, and IMTS, which replaced it) and
the currency composition of reserves (COFER).

* :mod:`.dots_reader`, :mod:`.cofer_reader` the portal's DOTS Excel report (as CSV) and COFER export
* :mod:`.rows`   their rows for ``data/``
* :mod:`.sdmx`   the SDMX 3.0 API's queries and SDMX-CSV answers (also ``pakru import imf-sdmx``)
* :mod:`.fetch`  ``pakru update imf``
* :mod:`.source` the declaration: source rows, file kinds, API (:data:`.source.PUBLISHER`)
"""
