"""UN Comtrade (United Nations Statistics Division): annual goods trade between Pakistan and Russia.

* :mod:`.reader` extracts saved from Comtrade+ (``date,value,reporter,partner``) and the legacy API CSV
* :mod:`.rows`   their rows for ``data/trade/``
* :mod:`.api`    the Comtrade API's queries and JSON answers (also ``pakru import comtrade-api``)
* :mod:`.fetch`  ``pakru update comtrade``
* :mod:`.source` the declaration: source rows, file kinds, API (:data:`.source.PUBLISHER`)
"""
