import pytest

from eigenflow import _core


@pytest.fixture(autouse=True, scope="package")
def tapes_keep_only_declared_values():
    """Every gradient rule runs with exactly the values its op's gradient_reads() declares: a
    tape otherwise keeps small values whatever the declaration, which would hide a wrong one."""
    before = _core._tape_keeps_values_up_to()
    _core._set_tape_keeps_values_up_to(0)
    yield
    _core._set_tape_keeps_values_up_to(before)
