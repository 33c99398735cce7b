"""The pipeline (parameters are :mod:`pakru.spec`'s): the build's steps in order
(:mod:`.steps`), what must run again (:mod:`.fingerprint`), running notebooks (:mod:`.execute`),
run folders and publishing (:mod:`.runs`) and one build at a time (:mod:`.lock`)."""
