"""Open Trade Statistics (tradestatistics.io): UN Comtrade data summed by product community. Read
from its files only (its API is not used).

* :mod:`.reader` the community sums (``year,community_name,reporter_iso,...``)
* :mod:`.rows`   their rows for ``data/trade/composition.csv``
* :mod:`.source` the declaration: source rows, file kinds, API (:data:`.source.PUBLISHER`)
"""
