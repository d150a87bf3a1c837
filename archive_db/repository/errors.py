"""The errors the query layer raises for bad input or missing rows."""


class InvalidQuery(ValueError):
    """A search or lookup argument is unusable: empty or too long query, bad date,
    unknown kind or role, a cursor that is not one of ours. The message says which."""


class DocumentNotFound(LookupError):
    """No document has the key asked for."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"no document with key {key!r}")
