"""pakru: a reproducible, sourced report on Pakistan–Russia relations."""

__version__ = "0.2.0"
