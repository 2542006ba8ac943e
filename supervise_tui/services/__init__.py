"""Services: pure functions over domain objects (no Textual, no TinyDB)."""
