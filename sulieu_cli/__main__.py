import sys

from sulieu_cli.main import main

sys.exit(main())
