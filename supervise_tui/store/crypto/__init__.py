"""Encryption at rest: keys from passphrases, sealed files, who holds which key."""
