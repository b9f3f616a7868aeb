"""arbokluis-cli: demo, verify, audit-acknowledge, backup, restore.

Errors are one line, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop_app.errors import ArbokluisError
from desktop_app.vault.hardening import disable_core_dumps

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _password(args) -> str:
    env = os.environ.get("ARBOKLUIS_PASSWORD")
    if env is not None:
        return env
    if sys.stdin.isatty():
        return getpass.getpass(f"Wachtwoord voor {args.user}: ")
    return sys.stdin.readline().rstrip("\r\n")


def _lock_if_present(data_dir):
    """The instance lock of an existing folder; a missing one is not created (it holds no
    practice, which the command then says)."""
    import contextlib
    from pathlib import Path

    from desktop_app.services.instance_lock import InstanceLock

    return InstanceLock(data_dir) if Path(data_dir).is_dir() else contextlib.nullcontext()


def cmd_demo(args) -> int:
    from desktop_app.services import demo

    created = demo.create_demo(args.data_dir, size=args.size)
    print(f"Demopraktijk aangemaakt in {args.data_dir}")
    if created.notice:
        print(f"Let op: {created.notice}")
    print("Accounts:")
    for acc in demo.ACCOUNTS:
        extra = f", medische wachtzin {acc.medical_passphrase}" if acc.medical_passphrase else ""
        print(f"  {acc.username:<12} wachtwoord {acc.password}{extra}  ({acc.description})")
    print(f"Herstelsleutel (alleen voor de demo): {created.recovery_key}")
    return EXIT_OK


def cmd_verify(args) -> int:
    from desktop_app.services.verify import verify_practice

    password = _password(args)
    with _lock_if_present(args.data_dir):  # verify logs in: not while the program has it open
        report = verify_practice(args.data_dir, args.user, password,
                                 os.environ.get("ARBOKLUIS_MEDICAL_PASSPHRASE"))
    marks = {"ok": "OK", "fout": "FOUT", "let op": "LET OP", "info": "INFO"}
    for check in report.checks:
        print(f"{marks[check.level]} {check.name}" + (f": {check.detail}" if check.detail else ""))
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_audit_acknowledge(args) -> int:
    from desktop_app.services.acknowledge import acknowledge_breaks

    with _lock_if_present(args.data_dir):
        result = acknowledge_breaks(args.data_dir, args.user, _password(args),
                                    os.environ.get("ARBOKLUIS_MEDICAL_PASSPHRASE"))
    if result.seq is None:
        print("Het logboek is in orde; er is niets te erkennen.")
        return EXIT_OK
    print(f"Vastgelegd in gebeurtenis {result.seq} (ondertekend door {args.user}):")
    for text in result.breaks:
        print(f"  - {text}")
    print("De gebeurtenissen zelf zijn niet gewijzigd; verify blijft deze breuken noemen.")
    return EXIT_OK


def cmd_backup(args) -> int:
    from desktop_app.services import backup
    from desktop_app.services.instance_lock import InstanceLock
    from desktop_app.services.practice import login

    with InstanceLock(args.data_dir):
        session = login(args.data_dir, args.user, _password(args))
        try:
            passphrase = os.environ.get("ARBOKLUIS_MEDICAL_PASSPHRASE")
            if passphrase is not None:
                session.unlock_medical(passphrase)
            info = backup.create_backup(session, args.to)
        finally:
            session.close()
    print(f"Back-up gemaakt en gecontroleerd: {info.path} ({info.size // 1024} kB)")
    return EXIT_OK


def cmd_restore(args) -> int:
    from desktop_app.services import backup
    from desktop_app.services.instance_lock import InstanceLock

    recovery_key = os.environ.get("ARBOKLUIS_RECOVERY_KEY")
    with InstanceLock(args.data_dir):
        if recovery_key:
            restored = backup.restore(args.source, args.data_dir, recovery_key=recovery_key)
        elif args.user:
            restored = backup.restore(args.source, args.data_dir, username=args.user, password=_password(args),
                                      medical_passphrase=os.environ.get("ARBOKLUIS_MEDICAL_PASSPHRASE"))
        else:
            print("Fout: geef --user (wachtwoord via stdin of ARBOKLUIS_PASSWORD, medische wachtzin in "
                  "ARBOKLUIS_MEDICAL_PASSPHRASE) of de herstelsleutel in ARBOKLUIS_RECOVERY_KEY.",
                  file=sys.stderr)
            return EXIT_USAGE
    print(f"Back-up teruggezet in {args.data_dir}")
    if restored.held:
        print("Na het maken van deze back-up verwijderd, geweerd tot een beheerder beslist: "
              + ", ".join(restored.held))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="arbokluis-cli", description="Arbokluis beheer")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="maak een demopraktijk")
    demo.add_argument("--data-dir", required=True)
    demo.add_argument("--size", choices=("small", "large"), default="small")
    demo.set_defaults(func=cmd_demo)
    verify = sub.add_parser("verify", help="controleer de integriteit van een praktijk")
    verify.add_argument("--data-dir", required=True)
    verify.add_argument("--user", required=True)
    verify.set_defaults(func=cmd_verify)
    ack = sub.add_parser("audit-acknowledge",
                         help="leg een breuk in het logboek vast (beheerder), zonder iets te herstellen")
    ack.add_argument("--data-dir", required=True)
    ack.add_argument("--user", required=True)
    ack.set_defaults(func=cmd_audit_acknowledge)
    bk = sub.add_parser("backup", help="maak een versleutelde back-up")
    bk.add_argument("--data-dir", required=True)
    bk.add_argument("--to", required=True)
    bk.add_argument("--user", required=True)
    bk.set_defaults(func=cmd_backup)
    rs = sub.add_parser("restore", help="zet een back-up terug in een lege map")
    rs.add_argument("--from", dest="source", required=True)
    rs.add_argument("--data-dir", required=True)
    rs.add_argument("--user")
    rs.set_defaults(func=cmd_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    disable_core_dumps()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ArbokluisError as exc:
        print(f"Fout: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # one line, no traceback, no personal data
        print(f"Onverwachte fout ({type(exc).__name__}). Er is niets gewijzigd dat al was "
              "opgeslagen.", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
