"""Points the C++ GEMM at OpenBLAS from the scipy-openblas32 wheel, found at run time.

Loading by path (dlopen) rather than linking keeps the build free of it; without the
wheel, products fall back to Eigen's own GEMM.
"""
import os


def load_blas():
    from . import _core

    if os.environ.get("EIGENFLOW_BLAS", "1") == "0":  # force Eigen's GEMM (debugging, comparisons)
        return "eigen"
    try:
        import scipy_openblas32 as blas
    except ImportError:
        return "eigen"
    path = os.path.join(blas.get_lib_dir(), f"lib{blas.get_library()}.so")
    if not os.path.exists(path) or _core.load_blas(path, "scipy_"):
        return "eigen"
    return "openblas"
