"""``keras.optimizers.schedules``: learning rates that change with the step."""
from .learning_rate_schedule import (CosineDecay, ExponentialDecay, InverseTimeDecay, LearningRateSchedule,
                                     PiecewiseConstantDecay, deserialize, serialize)

__all__ = ["LearningRateSchedule", "ExponentialDecay", "PiecewiseConstantDecay", "CosineDecay", "InverseTimeDecay",
           "serialize", "deserialize"]
