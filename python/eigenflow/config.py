"""``tf.config``: running functions eagerly to debug them, threads, and the devices there are."""
import os as _os
import types as _types

from . import _core
from .framework.function import functions_run_eagerly, run_functions_eagerly


def _set_intra_op_parallelism_threads(num_threads):
    """Sets how many threads kernels use (0: the machine's cores, or EIGENFLOW_NUM_THREADS)."""
    if num_threads == 0:
        num_threads = int(_os.environ.get("EIGENFLOW_NUM_THREADS", 0)) or _os.cpu_count() or 1
    _core.set_num_threads(int(num_threads))


def _set_inter_op_parallelism_threads(num_threads):
    """Accepted for compatibility: eigenflow runs one op at a time, each on the kernels' threads."""


# tf.config.threading: one pool of threads for the whole process (cpp/kernels/thread_pool.h).
threading = _types.SimpleNamespace(
    set_intra_op_parallelism_threads=_set_intra_op_parallelism_threads,
    get_intra_op_parallelism_threads=lambda: _core.num_threads(),
    set_inter_op_parallelism_threads=_set_inter_op_parallelism_threads,
    get_inter_op_parallelism_threads=lambda: 1,
)


class PhysicalDevice:
    """A device eigenflow runs on (only the CPU)."""

    def __init__(self, name, device_type):
        self.name = name
        self.device_type = device_type

    def __repr__(self):
        return f"PhysicalDevice(name='{self.name}', device_type='{self.device_type}')"


def list_physical_devices(device_type=None):
    """The devices of DEVICE_TYPE ('CPU', 'GPU'...; None: all): eigenflow runs on the CPU only."""
    cpu = PhysicalDevice("/physical_device:CPU:0", "CPU")
    return [cpu] if device_type in (None, "CPU") else []


list_logical_devices = list_physical_devices


def _check_cpu(device, what):
    name = str(device).split("/device:")[-1].split("/physical_device:")[-1]
    if name.upper() not in ("CPU", "CPU:0"):
        raise ValueError(f"tf.config.experimental.{what}: eigenflow runs on the CPU only (device 'CPU:0'), "
                         f"received device={device!r}")


def _get_memory_info(device):
    """{'current': bytes, 'peak': bytes} of tensor buffers on DEVICE ('CPU:0'): the bytes in use
    now and the most in use at once since the process started or ``reset_memory_stats``."""
    _check_cpu(device, "get_memory_info")
    return {"current": _core.live_tensor_bytes(), "peak": _core.peak_tensor_bytes()}


def _reset_memory_stats(device):
    """Starts the peak of ``get_memory_info(DEVICE)`` again from the bytes in use now."""
    _check_cpu(device, "reset_memory_stats")
    _core.reset_peak_tensor_bytes()


# tf.config.experimental: the memory that tensors hold (buffers kept for reuse not counted).
experimental = _types.SimpleNamespace(
    get_memory_info=_get_memory_info,
    reset_memory_stats=_reset_memory_stats,
    list_physical_devices=list_physical_devices,
    list_logical_devices=list_logical_devices,
)

__all__ = ["functions_run_eagerly", "run_functions_eagerly", "list_physical_devices", "list_logical_devices",
           "PhysicalDevice", "threading", "experimental"]
