"""``keras.optimizers.legacy``: tf.keras 2.11-2.15's names for the pre-2.11 optimizers.

eigenflow has one implementation of each optimizer; these are the same classes, so code
written against ``tf.keras.optimizers.legacy.Adam`` runs unchanged.
"""
from .. import SGD, Adadelta, Adagrad, Adam, Adamax, Nadam, Optimizer, RMSprop

__all__ = ["Optimizer", "SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam"]
