"""Signals the survey domain sends, so other parts can react without surveys importing them."""
from blinker import Namespace

_signals = Namespace()

#: Sent after a response is committed, with `response_id`.
response_stored = _signals.signal("response-stored")
