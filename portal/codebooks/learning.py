"""Learning from officers: the labels their reviews give, and how well the machine agrees.

(Filled in with retraining: see portal/codebooks/retrain.py.)
"""


def summary():
    """What the overview shows about agreement and retraining."""
    return {}
