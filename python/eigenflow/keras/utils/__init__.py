"""``keras.utils``: Progbar and helpers (loaded on first use)."""
from ..._lazy import install

install(globals(), {"Progbar": ".progbar", "to_categorical": ".numerical_utils",
                    "set_random_seed": ".random_utils"})
