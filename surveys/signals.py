"""Signals the survey domain sends, so other parts can react without surveys importing them."""
from blinker import Namespace

_signals = Namespace()

#: Sent after a response is committed, with `response_id`.
response_stored = _signals.signal("response-stored")

#: Sent inside the transaction that stores a response, before it commits, with `response`
#: (flushed, so it has an id) and `channel`. A receiver adds rows of its own to the same
#: transaction (the officer area records who entered an assisted response), so both are
#: stored or neither is.
response_storing = _signals.signal("response-storing")
