"""xxgk: audit a university's information-disclosure site against the MoE checklist."""

__version__ = "0.1.0"
