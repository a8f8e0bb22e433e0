"""``keras.utils``: Progbar and helpers (loaded on first use)."""
from ..._lazy import install

install(globals(), {"Progbar": ".progbar", "to_categorical": ".numerical_utils",
                    "set_random_seed": ".random_utils",
                    "unpack_x_y_sample_weight": ".data_adapter_utils",
                    "pack_x_y_sample_weight": ".data_adapter_utils"})
