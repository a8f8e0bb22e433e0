import pytest

from eigenflow.keras.callbacks import LambdaCallback

from .testing import data, small_model


def test_hooks_are_called_in_order_with_their_arguments():
    events = []
    cb = LambdaCallback(
        on_train_begin=lambda logs: events.append(("train_begin", logs)),
        on_epoch_begin=lambda epoch, logs: events.append(("epoch_begin", epoch)),
        on_train_batch_begin=lambda batch, logs: events.append(("batch_begin", batch)),
        on_train_batch_end=lambda batch, logs: events.append(("batch_end", batch, sorted(logs))),
        on_epoch_end=lambda epoch, logs: events.append(("epoch_end", epoch, sorted(logs))),
        on_train_end=lambda logs: events.append(("train_end", sorted(logs))))
    x, y = data(n=8)
    small_model(metrics=["mae"]).fit(x, y, epochs=2, batch_size=4, verbose=0, callbacks=[cb])
    epoch = lambda e: [("epoch_begin", e), ("batch_begin", 0), ("batch_end", 0, ["loss", "mae"]),  # noqa: E731
                       ("batch_begin", 1), ("batch_end", 1, ["loss", "mae"]), ("epoch_end", e, ["loss", "mae"])]
    assert events == [("train_begin", {})] + epoch(0) + epoch(1) + [("train_end", ["loss", "mae"])]


def test_batch_hooks_receive_logs_by_keyword():
    seen = []
    cb = LambdaCallback(on_train_batch_end=lambda batch, **kw: seen.append((batch, sorted(kw["logs"]))))
    x, y = data(n=4)
    small_model().fit(x, y, epochs=1, verbose=0, callbacks=[cb])
    assert seen == [(0, ["loss"])]


def test_other_hooks_by_keyword():
    events = []
    cb = LambdaCallback(on_test_begin=lambda logs: events.append("test_begin"),
                        on_test_batch_end=lambda batch, logs: events.append(("test_batch_end", batch)),
                        on_test_end=lambda logs: events.append(("test_end", sorted(logs))),
                        on_predict_end=lambda logs: events.append("predict_end"))
    x, y = data(n=8)
    model = small_model()
    model.evaluate(x, y, batch_size=4, verbose=0, callbacks=[cb])
    model.predict(x, verbose=0, callbacks=[cb])
    assert events == ["test_begin", ("test_batch_end", 0), ("test_batch_end", 1), ("test_end", ["loss"]),
                      "predict_end"]


def test_keras2_batch_hook_names_run_on_training_batches():
    seen = []
    cb = LambdaCallback(on_batch_begin=lambda batch, logs: seen.append(("begin", batch)),
                        on_batch_end=lambda batch, logs: seen.append(("end", batch)))
    x, y = data(n=8)
    small_model().fit(x, y, epochs=1, batch_size=4, verbose=0, callbacks=[cb])
    assert seen == [("begin", 0), ("end", 0), ("begin", 1), ("end", 1)]


def test_unset_hooks_do_nothing_and_extra_keywords_become_attributes():
    cb = LambdaCallback(on_epoch_end=lambda epoch, logs: None, tag="mine")
    assert cb.tag == "mine"
    x, y = data(n=4)
    small_model().fit(x, y, epochs=2, verbose=0, callbacks=[cb])


def test_a_hook_that_is_not_callable_is_rejected():
    with pytest.raises(ValueError, match="LambdaCallback: `on_epoch_end` must be a function"):
        LambdaCallback(on_epoch_end=3)
