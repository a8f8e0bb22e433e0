"""Which strategy is current, and what training asks of it.

Keras (the trainer, the optimizer, saving) asks this module, never mpi4py: with no
multi-process strategy made, each answer is the one-process one and nothing about MPI is
imported. ``strategy.scope()`` pushes a strategy here; ``get_strategy()`` reads the top.
"""
import contextlib

_stack = []        # the strategies whose scope is open, innermost last
_default = None    # the strategy outside every scope (one replica)
_world = None      # the MPI world once a multi-process strategy joined it


def get_strategy():
    """The current ``tf.distribute.Strategy``: the one whose ``scope()`` is open, otherwise
    the default strategy (one replica, this process).

    Returns:
        A Strategy.

    Example:
        >>> import eigenflow as tf
        >>> tf.distribute.get_strategy().num_replicas_in_sync
        1
    """
    global _default
    if _stack:
        return _stack[-1]
    if _default is None:
        from .strategy import Strategy
        _default = Strategy()
    return _default


def has_strategy():
    """Whether a strategy's ``scope()`` is open (the default strategy does not count).

    Example:
        >>> import eigenflow as tf
        >>> tf.distribute.has_strategy()
        False
    """
    return bool(_stack)


def in_cross_replica_context():
    """Whether code runs outside ``strategy.run`` but inside a strategy's scope (TensorFlow's
    "cross-replica context", where ``strategy.reduce`` is called).

    Example:
        >>> import eigenflow as tf
        >>> tf.distribute.in_cross_replica_context()
        False
    """
    return bool(_stack) and not _stack[-1]._in_run


@contextlib.contextmanager
def strategy_scope(strategy):
    """Makes STRATEGY current inside the block (re-entrant; mixing two strategies is an error)."""
    others = [s for s in _stack if s is not strategy]
    if others:
        raise ValueError(f"{type(strategy).__name__}.scope(): the scope of another strategy "
                         f"({type(others[-1]).__name__}) is already open; eigenflow, like TensorFlow, does not "
                         "mix two strategies: exit that scope first")
    _stack.append(strategy)
    try:
        yield strategy
    finally:
        _stack.pop()


def set_world(world):
    """Records the MPI world that a multi-process strategy joined (saving asks it)."""
    global _world
    _world = world


def is_chief():
    """Whether this process writes files (checkpoints, saved models): rank 0 of a
    multi-process job, or the only process."""
    return _world is None or _world.rank == 0


def _current_world():
    """The MPI world of the current strategy when it spans several processes, else None."""
    if _world is None:  # no strategy of this process joined one: every step asks, so answer first
        return None
    strategy = get_strategy()
    world = strategy._world
    return world if world is not None and world.size > 1 else None


# ---- what the training code asks -----------------------------------------------------------

def scale_loss(loss):
    """LOSS weighted by this process's share of the global batch (1/replicas by default, the
    exact share during fit), so that summing the replicas' gradients gives the gradient of
    the global mean loss; LOSS itself with one replica. Keras's compute_loss applies it."""
    if _current_world() is None:
        return loss
    from .. import _core
    share = get_strategy()._batch_share
    return _core.ops.multiply(loss, _core.ops.cast(share, loss.dtype))


def unscale_loss(loss):
    """The loss before ``scale_loss``, for the 'loss' metric."""
    if _current_world() is None:
        return loss
    from .. import _core
    share = get_strategy()._batch_share
    return _core.ops.divide(loss, _core.ops.cast(share, loss.dtype))


def aggregate_gradients(grads):
    """GRADS summed across the replicas of the current strategy (GRADS itself with one)."""
    world = _current_world()
    if world is None:
        return grads
    from . import collective
    return collective.all_reduce_gradients(grads, world.bucket_bytes)


def broadcast_on_build(list_variables):
    """Gives the Variables LIST_VARIABLES() returns (a newly built optimizer's own and those it
    updates) rank 0's values, so a custom training loop starts from the same weights on every
    process. (A function, so that one process does not list them for nothing.)"""
    world = _current_world()
    if world is not None:
        world.broadcast_variables(list_variables())


_NO_SCOPE = contextlib.nullcontext()  # reusable: it holds nothing


class _LocalTraining:
    """fit and evaluate in one process: every hook leaves things as they are."""

    is_chief = True

    def scope(self):
        return _NO_SCOPE

    def shard(self, batches, training_loop=False):
        return batches

    def any(self, flag):
        return flag

    def epoch_logs(self, model, logs):
        return logs


_LOCAL_TRAINING = _LocalTraining()


def training_sync(model, training):
    """What fit (TRAINING True) or evaluate must do for MODEL's strategy: shard the batches,
    start every process from the same weights, agree on stopping, aggregate the metrics.
    A no-op object unless the strategy spans several processes."""
    strategy = model.distribute_strategy
    world = strategy._world
    if world is None or world.size == 1:
        return _LOCAL_TRAINING
    from .training import DistributedTraining
    return DistributedTraining(model, strategy, training)
