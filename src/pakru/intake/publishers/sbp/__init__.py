"""The State Bank of Pakistan's country-wise goods trade workbooks ("Export Receipts by All
Countries", "Import Payments by all Countries", and their archives).

* :mod:`.reader` a workbook's header, Russian Federation row and line I, read by their labels
  (run in a child process with limits, :mod:`pakru.intake.sandbox`)
* :mod:`.rows`   those values as rows for ``data/trade/``
* :mod:`.fetch`  ``pakru update sbp``: the four workbooks from SBP's site
* :mod:`.source` the declaration: where SBP publishes, source rows, file kind (:data:`.source.PUBLISHER`)
"""
