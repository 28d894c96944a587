"""Check plmscope against a lab's own scorers: ``plmscope validate``.

- ``agreement``: the maths — event matching per leg (the documented match rule), precision,
  recall, F1, onset/offset errors; Bland–Altman and ICC of an index over nights.
- ``nights``: one night (or a folder of nights) scored by plmscope and compared with a reference
  scoring of the same night.
- ``page``: the HTML page with the table and the Bland–Altman plot.

It stands beside ``report``: above the front door (it scores nights), below ``export``/``cli``
(it writes nothing; the command line writes its JSON and page).
"""

from plmscope.validate.agreement import MATCH_RULE, bland_altman, event_agreement, icc_absolute, match_leg

__all__ = ["MATCH_RULE", "bland_altman", "event_agreement", "icc_absolute", "match_leg"]
