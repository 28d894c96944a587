"""The tibialis anterior EMG detector (SCORING_RULES.md §1), step by step in its modules."""
