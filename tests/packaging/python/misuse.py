"""Code that is wrong; `mypy --strict` must reject each marked line, which proves the shipped
types are real (not `Any`). tests/packaging/test-python.sh counts the errors."""

import greet

greet.greet("Hi", 42)  # error: int is not str
count: str = greet.Greeter().total()  # error: int is not str
greet.GreetOptions(tone="formal")  # error: str is not Tone
greet.Greeter().greet_all("abc")  # error: str is not list[str]
greet.Greeter.for_locale("en").nonexistent()  # error: no such method
