"""How a section shows a result: the house chart style (:mod:`.charts`), charts as inline SVG
(:mod:`.svg`), dated strips (:mod:`.timeline`), tables and the sentences around them
(:mod:`.tables`, :mod:`.shown`, :mod:`.wording`) and the key figures a notebook hands to the
report (:mod:`.key_figures`). Nothing here knows a section; submodules are imported by name, so
the build's quick path never pays for matplotlib."""
