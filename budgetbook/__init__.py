"""budgetbook: the tested library behind the Programme 13 analysis book.

Rooms: ``config`` (paths, the chapter list), ``edition`` (the edition's years),
``schema`` (the data contract), ``loading`` (loading and validation), ``indicators``
(arithmetic), ``charts`` (house style), ``render`` (tables and sentences for the page),
``views`` (a chapter's tables and charts), ``overview`` (the subprogrammes compared),
``pages`` (the audit and data-dictionary pages), ``commentary`` (written commentary bound
to its data), ``chapters`` (chapters from the template), ``audit`` and ``source`` (source
checks), ``cli`` and ``runner`` (command line), ``sphinx_ext`` (the build).
"""
from .loading import DataError, load, load_all  # noqa: F401

__all__ = ["DataError", "load", "load_all"]
