"""One module per subcommand, each called with plain typed arguments."""
