"""The article the report answers: its checkable claims in the article's order
(:mod:`.claims`), drawn from the sections' own checks. It sits above the sections."""
