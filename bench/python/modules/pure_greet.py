"""The floor: greet() and a Greeter written in Python, doing what the Rust ones do.

`greet` returns exactly "{greeting}, {name}". `Greeter.greet` mirrors `greet::Greeter::greet`:
validate the name, phrase "Hi, {name}", then record it (a per-name count, a total and the last
greeting with a timestamp) under a lock, so the method call does comparable work.
"""

import threading
import time

MAX_NAME_LENGTH = 256


class GreetError(Exception):
    """Why a greeting could not be made."""


class EmptyName(GreetError):
    def __init__(self, name):
        super().__init__(f"name must not be empty or only whitespace (got {name!r})")
        self.name = name


class NameTooLong(GreetError):
    def __init__(self, length, max):
        super().__init__(f"name is {length} characters long; the limit is {max}")
        self.length = length
        self.max = max


def greet(greeting: str, name: str) -> str:
    return f"{greeting}, {name}"


class Greeter:
    __slots__ = ("_lock", "_counts", "_total", "_last")

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}
        self._total = 0
        self._last = None

    def greet(self, name: str) -> str:
        if not name.strip():
            raise EmptyName(name)
        if len(name) > MAX_NAME_LENGTH:
            raise NameTooLong(len(name), MAX_NAME_LENGTH)
        text = f"Hi, {name}"
        at = time.time_ns()
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + 1
            self._total += 1
            self._last = (text, name, "en", at)
        return text

    def total(self) -> int:
        return self._total
