"""Headless encryption commands (``encrypt``, ``rekey``, ``decrypt``) and the passphrase every command needs to open
an encrypted journal. No Qt here.

Passphrases come from ``$GUTPAIN_PASSPHRASE`` (the current one) and ``$GUTPAIN_NEW_PASSPHRASE`` (a new one) for
scripts, else from the system keyring if the person asked it to remember, else are asked in the terminal without
echo (getpass). They are never printed, logged or written to a file.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from .storage.cipher import FORGOTTEN, NEW_PASSPHRASE_ENV, PASSPHRASE_ENV

CRYPT_COMMANDS = ("encrypt", "rekey", "decrypt")


class PassphraseNeeded(RuntimeError):
    """No passphrase could be had, or it is wrong; the message says what to do."""


def add_crypt_commands(commands: Any) -> None:
    commands.add_parser(
        "encrypt",
        help="encrypt the journal and its future backups with a passphrase (SQLCipher)",
        description="Encrypt the journal with a passphrase. The journal is backed up first (that backup stays "
        "unencrypted, like the journal was), then a complete encrypted copy is written, checked row by row and put "
        f"in its place. New passphrase: ${NEW_PASSPHRASE_ENV} or asked. {FORGOTTEN}",
    )
    commands.add_parser(
        "rekey",
        help="change the passphrase of an encrypted journal",
        description="Re-encrypt the journal with a new passphrase (after a backup with the old one). Current "
        f"passphrase: ${PASSPHRASE_ENV}, the keyring, or asked; new one: ${NEW_PASSPHRASE_ENV} or asked. Backups made "
        "before keep the passphrase they were made with.",
    )
    commands.add_parser(
        "decrypt",
        help="turn encryption off: store the journal as a plain SQLite file again",
        description=f"Write the journal back unencrypted (after an encrypted backup). Passphrase: ${PASSPHRASE_ENV}, "
        "the keyring, or asked. Backups made while it was encrypted stay encrypted.",
    )


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise PassphraseNeeded(
            f"The passphrase is needed: run this in a terminal, or set ${PASSPHRASE_ENV} (and ${NEW_PASSPHRASE_ENV} "
            "for a new one) for a script."
        )
    return getpass.getpass(prompt)


def current_passphrase(data_dir: Path) -> str:
    from . import keychain
    from .storage.local_settings import load_settings

    found = os.environ.get(PASSPHRASE_ENV)
    if found is None and load_settings(data_dir).settings.remember_passphrase:
        found = keychain.load(data_dir)
    return found if found is not None else _ask("Passphrase of your journal: ")


def new_passphrase() -> str:
    from .storage.encryption import passphrase_problem

    found = os.environ.get(NEW_PASSPHRASE_ENV)
    if found is not None:
        problem = passphrase_problem(found)
    else:
        print(FORGOTTEN, file=sys.stderr)
        found = _ask("New passphrase: ")
        problem = passphrase_problem(found, _ask("The same passphrase again: "))
    if problem:
        raise PassphraseNeeded(problem)
    return found


def journal_key(data_dir: Path) -> str | None:
    """The checked passphrase of the journal in ``data_dir``; None when it is plain (or there is none yet)."""
    from .storage import DB_FILENAME
    from .storage.cipher import PassphraseError, check_passphrase, is_encrypted_file

    db_path = data_dir / DB_FILENAME
    if not is_encrypted_file(db_path):
        return None
    key = current_passphrase(data_dir)
    try:
        check_passphrase(db_path, key)
    except PassphraseError as exc:
        raise PassphraseNeeded(f"Your journal is encrypted. {exc}") from exc
    return key


def run_crypt_command(args: argparse.Namespace, data_dir: Path) -> int:
    from . import keychain
    from .cli_safety import lock_or_say
    from .storage import DB_FILENAME
    from .storage.cipher import PassphraseError, is_encrypted_file
    from .storage.encryption import EncryptionError, change_passphrase, decrypt_journal, encrypt_journal
    from .storage.local_settings import load_settings, update_settings
    from .storage.safety import backup_folder

    db_path = data_dir / DB_FILENAME
    if not db_path.is_file():
        print(f"No journal in {data_dir}: nothing to encrypt yet.", file=sys.stderr)
        return 1
    encrypted = is_encrypted_file(db_path)
    if args.command == "encrypt" and encrypted:
        print("Your journal is already encrypted ('rekey' changes the passphrase).", file=sys.stderr)
        return 1
    if args.command != "encrypt" and not encrypted:
        print("Your journal is not encrypted ('encrypt' turns encryption on).", file=sys.stderr)
        return 1
    lock = lock_or_say(data_dir, "Encryption is changed with the app closed (or from its Settings).")
    if lock is None:
        return 1
    folder = backup_folder(data_dir)
    try:
        if args.command == "encrypt":
            result = encrypt_journal(data_dir, db_path, new_passphrase(), folder)
            print(f"Encrypted your journal ({result.entries} entries, checked). {FORGOTTEN}")
        elif args.command == "rekey":
            old = journal_key(data_dir)
            assert old is not None
            new = new_passphrase()
            result = change_passphrase(data_dir, db_path, old, new, folder)
            if load_settings(data_dir).settings.remember_passphrase and not keychain.save(data_dir, new):
                update_settings(data_dir, remember_passphrase=False)
                print("The keyring could not be updated; the passphrase will be asked from now on.", file=sys.stderr)
            print(f"Changed the passphrase ({result.entries} entries, checked). Backups made before keep the old one.")
        else:
            old = journal_key(data_dir)
            assert old is not None
            result = decrypt_journal(data_dir, db_path, old, folder)
            keychain.forget(data_dir)
            print(f"Your journal is no longer encrypted ({result.entries} entries, checked). Backups made while it "
                  "was encrypted stay encrypted.")  # fmt: skip
    except (PassphraseNeeded, PassphraseError, EncryptionError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        lock.release()
    print(f"The journal as it was is kept as {result.backup}.")
    return 0
