"""The stable JSON keys DESIGN.md promises for `plmscope score --json` (one place for all tests)."""

DESIGN_INDEX_KEYS = frozenset({
    "plms_index", "plmw_index", "lms_index", "clms_index",
    "plms_nr_index", "plms_arousal_index", "short_imi_index", "periodicity_index",
})  # fmt: skip
DESIGN_MOVEMENT_KEYS = frozenset({
    "onset", "offset", "leg", "stage", "candidate", "imi",
    "periodic", "series", "respiratory", "arousal",
})  # fmt: skip
