from genderscan.cli import main

main()
