"""python -m myofeed"""

import gc

# a one-shot command's start-up is not walked by the cyclic collector while it is made (cli.main)
gc.disable()

from myofeed.cli import main  # noqa: E402

main()
