"""One module per subcommand, each called with plain, typed arguments (no argparse).

A command returns None when it ran, or its verdict (the gate: whether the site passed;
report-check: its exit code); problems are exceptions (`InputError`: exit 2, `RunError`:
exit 3). cli.py maps them to exit codes.
"""
