"""python -m myofeed"""

from myofeed.cli import main

main()
