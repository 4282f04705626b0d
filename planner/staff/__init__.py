"""What staff get besides their calendar feed, and what reaches them.

* :mod:`~planner.staff.notify` — ``planner notify``: each changed person's notice by e-mail
  (SMTP), a summary to a WeCom group robot, ``--dry-run`` .eml files, a sent log;
* :mod:`~planner.staff.page` — a person's own page, reached from their feed link: upcoming
  sessions, hours and credits, rotation and external study, subscribe buttons, certificate,
  leave request;
* :mod:`~planner.staff.signin` — QR sign-in: signed, expiring links per session, sheets to print;
* :mod:`~planner.staff.db` — their tables (``staff_*``) in the plan-state database;
* :mod:`~planner.staff.labels` — their words in Chinese and English.
"""
