"""Pure-Python engines: plain data in, plain data out; no Django, no database."""
