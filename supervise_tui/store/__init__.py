"""The store: persistence behind the Backend protocol (:mod:`.backend`).

Today a folder of TinyDB files (:mod:`.folder`, with its journal, lock and backups).
Nothing outside this package touches TinyDB or a data file's format.
"""
