"""The process's one pool of threads: results do not depend on how many threads run them."""
import numpy as np
import pytest

import eigenflow as tf


@pytest.fixture
def restore_threads():
    before = tf.config.threading.get_intra_op_parallelism_threads()
    yield
    tf.config.threading.set_intra_op_parallelism_threads(before)


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_large_products_and_convolutions_match_numpy_at_any_thread_count(threads, restore_threads):
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    assert tf.config.threading.get_intra_op_parallelism_threads() == threads
    rng = np.random.default_rng(0)
    for (m, k, n) in [(300, 200, 100), (50, 300, 700), (1, 4096, 512)]:
        a, b = rng.normal(size=(m, k)), rng.normal(size=(k, n))
        for ta, tb in [(False, False), (True, False), (False, True), (True, True)]:
            x = a.T.copy() if ta else a
            y = b.T.copy() if tb else b
            got = tf.linalg.matmul(x.astype("float32"), y.astype("float32"), transpose_a=ta, transpose_b=tb)
            np.testing.assert_allclose(got.numpy(), a @ b, rtol=2e-4, atol=2e-3)
    x = rng.normal(size=(8, 20, 20, 16)).astype("float32")
    w = rng.normal(size=(3, 3, 16, 32)).astype("float32")
    got = tf.nn.conv2d(x, w, strides=1, padding="VALID").numpy()
    ref = sum(np.einsum("nhwc,co->nhwo", x[:, i:i + 18, j:j + 18, :].astype("float64"), w[i, j].astype("float64"))
              for i in range(3) for j in range(3))
    np.testing.assert_allclose(got, ref, rtol=1e-3, atol=1e-3)


def test_denormals_are_flushed_in_kernels():
    tiny = np.float32(1e-39)  # a denormal float32
    out = (tf.constant([tiny]) * 1.0).numpy()
    assert out[0] == 0.0
    assert np.float32(tiny) * np.float32(1.0) != 0.0  # NumPy on this thread is untouched


def test_denormals_are_flushed_in_a_traced_graph_but_not_in_its_python_callbacks():
    tiny = np.float32(1e-39)

    class Stream:  # tf.print's output: Python that a traced graph calls back
        products = []

        def write(self, text):
            self.products.append(np.float32(tiny) * np.float32(1.0))

    @tf.function
    def scale(x):
        y = x * 1.0
        tf.print(y, output_stream=Stream())
        return y * 1.0

    for _ in range(3):
        assert scale(tf.constant([tiny])).numpy()[0] == 0.0
    # Printed while tracing (the first call), then by the graph on the two calls after it.
    assert len(Stream.products) == 3 and all(v != 0.0 for v in Stream.products)
    assert np.float32(tiny) * np.float32(1.0) != 0.0
