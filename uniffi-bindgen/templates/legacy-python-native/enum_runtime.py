class _UniffiEnumType(type):
    """Flat enums without importing `enum` (about 10 ms of import time): members are
    singletons with `name` and `value`, iterable in order, looked up by value with `Tone(0)`."""

    def __iter__(cls):
        return iter(cls._members)

    def __len__(cls):
        return len(cls._members)

    def __call__(cls, value):
        for member in cls._members:
            if member.value == value:
                return member
        raise ValueError("{!r} is not a valid {}".format(value, cls.__name__))


class _UniffiEnum(metaclass=_UniffiEnumType):
    __slots__ = ("name", "value")
    _members = ()

    def __repr__(self):
        return "<{}.{}: {!r}>".format(type(self).__name__, self.name, self.value)

    def __str__(self):
        return "{}.{}".format(type(self).__name__, self.name)

    def __reduce__(self):
        return (type(self), (self.value,))


def _uniffi_enum_members(cls, names):
    members = []
    for value, name in enumerate(names):
        member = object.__new__(cls)
        member.name, member.value = name, value
        setattr(cls, name, member)
        members.append(member)
    cls._members = tuple(members)
