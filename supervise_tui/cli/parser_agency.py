"""The command line's commands for an agency's server: `db` (setting it up) and `sync`
(a site's folder and the server brought together)."""

from __future__ import annotations

import argparse


def add_agency_commands(sub, common: argparse.ArgumentParser) -> None:
    db = sub.add_parser(
        "db", parents=[common], help="set up an agency's PostgreSQL server (with --db URL)"
    )
    steps = db.add_subparsers(dest="step", metavar="STEP", parser_class=type(db), required=True)
    steps.add_parser("init", parents=[common], help="create the schema and its roles")
    steps.add_parser(
        "migrate", parents=[common], help="upgrade the schema to this version of the app"
    )
    login = steps.add_parser(
        "add-login", parents=[common], help="give a person in the records a database login"
    )
    login.add_argument("name", metavar="NAME", help="the person's name, as in the records")
    login.add_argument(
        "--login", metavar="LOGIN", help="the login's name (default: made from theirs)"
    )
    login.add_argument(
        "--password-file",
        metavar="FILE",
        help="the login's password, from this file's first line (or $SUPERVISE_LOGIN_PASSWORD, "
        "or asked for; none: the server proves who connects in its own way)",
    )
    sync = sub.add_parser(
        "sync",
        parents=[common],
        help="bring this site's folder (--data-dir) and the agency's server (--db) together",
    )
    sync.add_argument(
        "--site", metavar="SITE", help="bring back only the peers of this site from the server"
    )
