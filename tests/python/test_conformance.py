"""The shared conformance corpus, case by case, through the Python bindings."""

import pytest

import corpus
import greet

DOC = corpus.load()


def test_limit_matches_the_component():
    assert DOC["max_name_length"] == greet.max_name_length()


@pytest.mark.parametrize("case", DOC["cases"], ids=[c["id"] for c in DOC["cases"]])
def test_case(case):
    if "error" in case:
        variant = getattr(greet.GreetError, case["error"])
        with pytest.raises(variant):
            corpus.run(case)
    else:
        assert corpus.run(case) == corpus.expand(case["expect"])
