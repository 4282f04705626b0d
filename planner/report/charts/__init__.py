"""Charts drawn as inline SVG in Python: deterministic text, a few kilobytes, no script, no
network, and they print as sharp vectors. Every piece of text goes through
:mod:`markupsafe`, so a name can never become markup."""
