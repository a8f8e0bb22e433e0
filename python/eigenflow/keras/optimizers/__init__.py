"""keras.optimizers (being written)."""
