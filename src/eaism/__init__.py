"""eaism: the Enterprise AI Skills Maturity Model as a working system."""

__version__ = "0.1.0"
