"""budgetbook: the tested library behind the Programme 13 analysis book.

Rooms: ``schema`` (the data contract), ``load`` (loading and validation),
``indicators`` (arithmetic), ``charts`` (house style), ``cli`` (command line).
"""
from .load import DataError, load, load_all  # noqa: F401

__all__ = ["DataError", "load", "load_all"]
