"""genderscan: toetst beleidsstukken over huiselijk geweld op gendersensitiviteit."""

__version__ = "0.1.0"
