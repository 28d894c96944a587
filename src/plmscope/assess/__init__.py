"""Questionnaire triage: structured answers (and a night's result) -> findings with levels, reasons, advice.

from plmscope.assess import assess, load_answers
assessment = assess(load_answers("answers.yaml"), night=json.load(open("night.json")))
assessment.summary(); assessment.plain_summary(); assessment.to_json()
"""

from plmscope.assess.loading import load_answers, load_night
from plmscope.assess.result import DISCLAIMER, Assessment, Finding, Level
from plmscope.assess.schema import Answers
from plmscope.assess.triage import assess

__all__ = ["Answers", "Assessment", "DISCLAIMER", "Finding", "Level", "assess", "load_answers", "load_night"]
