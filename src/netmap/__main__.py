from netmap.cli import main

main()
