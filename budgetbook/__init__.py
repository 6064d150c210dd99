"""budgetbook: the tested library behind the Programme 13 analysis book.

Rooms: ``config`` (paths, the chapter list), ``edition`` (the edition's years),
``schema`` (the data contract), ``loading`` (loading and validation), ``inputs`` (what
each page reads), ``indicators`` (arithmetic), ``style`` (the house style of every figure, its fonts),
``charts`` (the book's charts), ``render`` (tables and sentences for the page),
``views`` (a chapter's tables and charts), ``overview`` (the subprogrammes compared),
``pages`` (the audit and data-dictionary pages), ``commentary`` (written commentary bound
to its data), ``chapters`` (chapters from the template), ``audit`` and ``source`` (source
checks), ``cli`` and ``runner`` (command line), ``kernels`` (a fresh kernel for every
notebook), ``sphinx_ext`` (the build) and ``search_text`` (the search page's summaries).
"""
__all__ = ["DataError", "load", "load_all"]


def __getattr__(name):
    # Loaded on first use, so that importing the build's extension (budgetbook.sphinx_ext)
    # does not import pandas: a no-change rebuild never needs it.
    if name in __all__:
        from . import loading
        return getattr(loading, name)
    raise AttributeError(f"module 'budgetbook' has no attribute {name!r}")
