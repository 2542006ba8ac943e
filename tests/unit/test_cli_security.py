"""The command line on encrypted records: the demo, who sees what, sealed bundles."""

from __future__ import annotations

from supervise_tui.cli import main
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.security import DEMO_PASSPHRASE

from ..conftest import PASS, fixed_clock, folder_state

BUNDLE_WORDS = "site transfer words"


def run(capsys, *argv):
    code = main(list(argv), clock=fixed_clock)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_demo_encrypt_prints_the_fictional_passphrase_and_seals_everything(
    tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "demo"
    code, _, err = run(
        capsys,
        "--data-dir",
        str(folder),
        "demo",
        "--encrypt",
        "--no-tui",
        "--peers",
        "2",
        "--weeks",
        "3",
    )
    assert code == 0, err
    store = open_folder(folder, clock=fixed_clock, read_only=True)
    assert store.encrypted and store.locked
    names = ["Dana Whitfield", "Jordan Ellery", "Maple Court"]
    for path in folder.rglob("*"):
        if path.is_file():
            assert not any(n.encode() in path.read_bytes() for n in names), path.name
    # Everyone in the demo signs in with the printed passphrase: a peer sees their own.
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", DEMO_PASSPHRASE)
    code, out, err = run(capsys, "--data-dir", str(folder), "--as", "Jordan Ellery", "history")
    assert code == 0, err
    assert out.startswith("History of Jordan Ellery")


def test_demo_encrypt_says_the_passphrase(tmp_path, capsys):
    code = main(
        ["--data-dir", str(tmp_path / "d"), "demo", "--encrypt", "--no-tui", "--peers", "1"],
        clock=fixed_clock,
    )
    out = capsys.readouterr().out
    assert code == 0 and f'"{DEMO_PASSPHRASE}"' in out


def test_a_peer_reaches_nothing_of_another_peer_on_the_command_line(
    locked_folder, capsys, monkeypatch
):
    folder, team, _ = locked_folder
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", "Jordan Ellery own words here")
    base = ["--data-dir", str(folder), "--as", "Jordan Ellery"]
    before = folder_state(folder, backups=False)
    for args in (
        ["history", "--peer", "Robin Takahashi"],
        ["trends", "--peer", "Robin Takahashi"],
        ["export", "--format", "json", "--peer", "Robin Takahashi"],
    ):
        code, out, err = run(capsys, *base, *args)
        assert code == 1, args
        assert "Robin" not in out
        assert err.count("\n") == 1
    code, out, err = run(capsys, *base, "export", "--format", "json")
    assert code == 0
    assert "Robin" not in out and "Jordan Ellery" in out
    code, out, _ = run(capsys, *base, "team")
    assert "Robin" not in out
    assert folder_state(folder, backups=False) == before


def test_a_sealed_bundle_moves_records_and_a_wrong_passphrase_changes_nothing(
    locked_folder, tmp_path, capsys, monkeypatch
):
    folder, team, _ = locked_folder
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", PASS)
    monkeypatch.setenv("SUPERVISE_BUNDLE_PASSPHRASE", BUNDLE_WORDS)
    sealed = tmp_path / "to-linden.bundle"
    code, _, err = run(
        capsys,
        *("--data-dir", str(folder), "--as", "Dana Whitfield"),
        *("export", "--format", "json", "--seal", "-o", str(sealed)),
    )
    assert code == 0, err
    assert "sealed" in err
    assert (sealed.stat().st_mode & 0o777) == 0o600
    raw = sealed.read_bytes()
    assert not any(name.encode() in raw for name in ("Jordan", "Robin", "Dana", "arriving"))

    other = tmp_path / "linden"
    monkeypatch.setenv("SUPERVISE_BUNDLE_PASSPHRASE", "not the bundle words")
    code, _, err = run(capsys, "--data-dir", str(other), "import", str(sealed))
    assert code == 1 and "does not open this bundle" in err
    assert not other.exists()  # nothing made

    flipped = tmp_path / "flipped.bundle"
    flipped.write_bytes(raw[:-40] + bytes([raw[-40] ^ 1]) + raw[-39:])
    monkeypatch.setenv("SUPERVISE_BUNDLE_PASSPHRASE", BUNDLE_WORDS)
    code, _, err = run(capsys, "--data-dir", str(other), "import", str(flipped))
    assert code == 1 and "damaged" in err
    assert not other.exists()

    code, out, err = run(capsys, "--data-dir", str(other), "import", str(sealed))
    assert code == 0, err
    with open_folder(other, clock=fixed_clock, read_only=True) as store:
        assert {p.name for p in store.people()} >= {"Jordan Ellery", "Robin Takahashi"}
        assert sum(len(store.rows(p)) for p in store.peers_with_records()) == 2


def test_a_plain_export_says_it_is_plain(locked_folder, tmp_path, capsys, monkeypatch):
    folder, _, _ = locked_folder
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", PASS)
    base = ["--data-dir", str(folder), "--as", "Dana Whitfield"]
    code, _, err = run(capsys, *base, "export", "--format", "md", "-o", str(tmp_path / "r.md"))
    assert code == 0 and "plain text" in err
    code, _, err = run(capsys, *base, "export", "--format", "md", "--seal", "-o", "x.md")
    assert code == 2 and "--format json" in err
