"""The front page, across the sections: the bottom line, the key findings and "Where things stand"
(with the dated threads of 2025-26). It computes no figure of its own: it reads each section's
facts (:func:`facts`) and the events the editorial threads name (:func:`threads`)."""

from .front import facts, frames, threads

__all__ = ["facts", "frames", "threads"]
