"""``python -m gutpain_desktop`` and the ``gutpain-desktop`` command."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .privacy import install_network_guard

    install_network_guard()  # first: nothing after this can open a socket or look up a name
    from .cli import build_parser, run_command

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from .selftest import run_self_test  # Qt is imported inside, after QT_QPA_PLATFORM is settled

        return run_self_test(args.screenshot)
    if getattr(args, "command", None):
        return run_command(args)
    from .app import run_app  # Qt is imported only when the window is wanted

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
