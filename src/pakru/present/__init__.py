"""How a section shows a result: its words (:mod:`.text`, templates with house-style filters), what a
notebook cell shows (:mod:`.show`: text, charts drawn per width with their data, tables, facts),
the house chart style (:mod:`.charts`), charts as inline SVG with tooltips (:mod:`.svg`), dated
strips (:mod:`.timeline`, :mod:`.key_events`) and table markup (:mod:`.tables`). Nothing here knows
a section; submodules are imported by name, so the build's quick path never pays for matplotlib."""
