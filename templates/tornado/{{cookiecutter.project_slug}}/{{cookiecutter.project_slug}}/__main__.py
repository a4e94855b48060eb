"""`python -m <package>`: the production server, or with `--debug` the development one."""

from .server import main

if __name__ == "__main__":
    main()
