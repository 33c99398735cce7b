"""The published page: one self-contained HTML file (:mod:`.render`, in the frame every page
shares, :mod:`.frame`), the parts around the notebooks (:mod:`.page_parts`, :mod:`.appendix`),
the PDF (:mod:`.pdf`) and the shelf of kept runs (:mod:`.shelf`)."""
