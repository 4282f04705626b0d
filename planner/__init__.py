"""Training schedule planner for hospitals' continuing medical education (继续医学教育).

Data flow: ``inputs`` (load & validate) → ``domain`` → ``solver`` (CP-SAT, one module per rule
family) → ``plan`` → ``check`` (independent second opinion) → ``calendars`` / ``report``.
"""

__version__ = "0.1.0"
