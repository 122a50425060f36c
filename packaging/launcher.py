"""Entry script of the PyInstaller bundle: the same ``main`` as the ``gutpain-desktop`` command."""

import sys

from gutpain_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
