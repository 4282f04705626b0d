"""Re-planning against a published plan: a layer the phases call, not threaded through them.

:mod:`.past` — what the published plan holds before and after the freeze date, and the weights
that keep it; :mod:`.scope` — whose attendance a local re-plan models; :mod:`.bound` — the
changes no re-plan can avoid."""
