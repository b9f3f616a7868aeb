"""Entry point of the bundle: the same main() as the ``arbokluis`` command."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
