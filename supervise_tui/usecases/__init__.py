"""Use cases: what a person does (finish a session, sign it, import a bundle, look back).

Each takes a store (:class:`~..store.backend.Backend`) and the clock, applies the
domain's rules once, and asks the store only to persist. The TUI and the command line
both call these, so both always do the same.
"""
