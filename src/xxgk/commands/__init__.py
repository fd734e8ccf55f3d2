"""One module per subcommand, each called with plain, typed arguments (no argparse).

A command returns None when it ran (the gate: whether the site passed); problems are
exceptions (`InputError`: exit 2, `RunError`: exit 3). cli.py maps both to exit codes.
"""
