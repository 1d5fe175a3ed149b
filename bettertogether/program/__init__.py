"""The program office: sub-agreements with partner organizations, the program's timeline, and the
results reported to the funder. Door for other apps: ``results.results(period)``."""
