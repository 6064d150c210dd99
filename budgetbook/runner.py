"""Batch runs of the notebooks with papermill (filled in by the analysts' workflow)."""


def add_run_parser(sub):
    return None
