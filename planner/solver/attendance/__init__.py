"""Phase 2: how many people of each group attend each session.

:mod:`.model` — groups and the model's variables; :mod:`.rules` — one module per rule family;
:mod:`.linear` — the sparse model both engines read; :mod:`.engines` — HiGHS and CP-SAT;
:mod:`.score` — the objective of a named plan, person by person; :mod:`.greedy` — the
benchmark's first-come-first-served baseline."""
