"""The one exception type that callers need to catch."""


class ArticlefixError(ValueError):
    """Input articlefix cannot turn into an article (binary data, undecodable bytes, ...).

    A ValueError subclass, so code that already guards parsing with ``except ValueError``
    keeps working; the message is one line, ready to print after a file name.
    """
