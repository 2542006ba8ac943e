"""Harnesses that drive the real `supervise` command line from the outside, as separate
processes: kill -9 at random moments (kill_cli), hostile bundles (hostile), a full and a
read-only filesystem (faults). Each is a script with figures of its own; test_harness.py
runs each with small counts (marked `harness`)."""
