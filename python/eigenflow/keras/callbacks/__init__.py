"""``keras.callbacks``: hooks into fit, evaluate and predict (loaded on first use)."""
from ..._lazy import install

install(globals(), {
    "Callback": ".callback", "CallbackList": ".callback", "History": ".history",
    "ProgbarLogger": ".progbar_logger", "EarlyStopping": ".early_stopping",
    "LearningRateScheduler": ".learning_rate_scheduler", "ReduceLROnPlateau": ".reduce_lr_on_plateau",
    "TerminateOnNaN": ".terminate_on_nan", "CSVLogger": ".csv_logger", "LambdaCallback": ".lambda_callback",
    "ModelCheckpoint": ".model_checkpoint",
})
