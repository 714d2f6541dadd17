"""The one exception type that callers need to catch, and the cluster's own kind of it."""


class ArticlefixError(ValueError):
    """Input articlefix cannot turn into an article (binary data, undecodable bytes, ...).

    A ValueError subclass, so code that already guards parsing with ``except ValueError``
    keeps working; the message is one line, ready to print after a file name.
    """


class SchedulerUnreachable(ArticlefixError):
    """The ``--scheduler`` address cannot be reached: one line for the whole run (exit 2),
    not one error per input. Here, not in dask.py, so that the command catches it without
    loading the cluster's module on every start."""
