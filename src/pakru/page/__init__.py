"""The published page: one self-contained HTML file assembled by nbconvert templates from the
executed notebooks (:mod:`.assemble`, the values around them :mod:`.context`, "What changed"
:mod:`.what_changed`, writing a run's page :mod:`.write`), the PDF (:mod:`.pdf`) and the shelf of
kept runs (:mod:`.shelf`, in the frame every page shares, :mod:`.frame`)."""
