"""``set_random_seed``: seeds Python, NumPy and eigenflow at once."""
import random

import numpy as np


def set_random_seed(seed):
    """Seeds Python's random, NumPy and tf.random with SEED."""
    from ... import random as tf_random
    random.seed(seed)
    np.random.seed(seed)
    tf_random.set_seed(seed)
