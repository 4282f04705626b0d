"""A city health bureau planning many hospitals at once (``planner bureau plan``).

The flow, one module each: :mod:`.inputs` (the bureau's folder, checked at the door) →
:mod:`.survey` (one task per hospital: its inputs read, its months as its months phase sees
them) → :mod:`.master` (CP-SAT over all hospitals: shared seats and city-training cohorts,
each hospital's coverage kept, fair between hospitals) → :mod:`.fixing` (a hospital's share
written into its own inputs) → :mod:`.tasks` (one ordinary plan per hospital) run by
:mod:`.engine` (Ray, or one after another) → :mod:`.run` writes them and :mod:`.summary` the
bureau's summary.
"""
