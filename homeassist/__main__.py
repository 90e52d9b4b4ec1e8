import sys

from homeassist.cli import main

sys.exit(main())
