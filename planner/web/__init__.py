"""``planner web``: the education office's browser app on top of the command line's engine.

Upload an input workbook (or a zipped CSV folder) → the planner's own checks, errors as a table
and a marked workbook → a planning run in its own process with live progress → the summary and
the changes → publish with a confirmation, versions and rollback → feeds.xlsx for the
mail-merge. Department heads read their own department's page only.

Modules: :mod:`.app` (the Starlette app, security headers, serving), :mod:`.routes` (the pages),
:mod:`.auth` (accounts, sessions, CSRF, login limits), :mod:`.uploads` (what is refused at the
door, what the loader checks), :mod:`.marking` (the workbook with red cells), :mod:`.jobs` and
:mod:`.worker` (planning runs), :mod:`.db` (the ``web_`` tables), :mod:`.labels` (the words).
"""
