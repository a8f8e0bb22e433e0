"""Fills ``tf``, ``tf.math``, ``tf.nn``... with the ops of the C++ registry.

Each op lists its public names in cpp/ops/ (``exported({"add", "math.add"})``); the
functions are the bindings themselves, with no Python wrapper in between.
"""
import importlib

from . import _core


def export_ops(package):
    for op_name, exported in _core.op_exports.items():
        fn = getattr(_core.ops, op_name)
        for public in exported:
            *path, attr = public.split(".")
            module = package
            for part in path:
                module = importlib.import_module(f"{module.__name__}.{part}")
            if attr not in module.__dict__:
                setattr(module, attr, fn)
