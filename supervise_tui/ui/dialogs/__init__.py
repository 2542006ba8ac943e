"""Dialogs: modal questions over a screen, all on one base (:mod:`.base`)."""
