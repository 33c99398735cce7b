"""What we know and its rules: every dataset declared once (:mod:`.schema`), loaded and validated
(:mod:`.datasets`), source-id cells (:mod:`.source_ids`), periods and fiscal years (:mod:`.periods`),
the data package (:mod:`.datapackage`), row changes between runs (:mod:`.rowdiff`) and how current
each publisher's data are (:mod:`.vintage`). Submodules are imported by name; this face imports
nothing, so a light caller never pays for pandas."""
