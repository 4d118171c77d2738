"""kamervragen: Dutch parliamentary written questions as exact, structured records."""

from kamervragen.record import Record

__all__ = ["Record", "parse_file"]
__version__ = "0.1.0"


def parse_file(path: str) -> list[Record]:
    """Parse one document (any supported format) into its record(s)."""
    from kamervragen.parse import parse_path

    return parse_path(path)
