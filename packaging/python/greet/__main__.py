"""`python -m greet`: the `greet` command line."""

from greet._cli import main

if __name__ == "__main__":
    raise SystemExit(main(prog="python -m greet"))
