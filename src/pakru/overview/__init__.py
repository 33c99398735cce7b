"""Across the sections: the bottom line under the report's title and the one-page "Where things
stand" (:mod:`.standing`). It sits above the sections, beside the article's claims."""
