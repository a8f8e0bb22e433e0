"""The main demo: a small convolutional network learns handwritten digits with tf.keras.

scikit-learn ships the data (1,797 grey 8x8 images of the digits 0-9, no download), so
this runs offline. It trains with fit (progress bar, validation split), evaluates on
held-out images, and exits non-zero if the test accuracy is below 95%.

Run: pip install scikit-learn && python examples/train_digits.py [--seed N] [--epochs N]
"""
import argparse

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import eigenflow as tf

TARGET_ACCURACY = 0.95


def load_data(seed):
    """Images scaled to [0, 1] with a channel axis, split 80/20 with equal class shares."""
    digits = load_digits()
    images = (digits.images / 16.0).astype("float32").reshape(-1, 8, 8, 1)
    labels = digits.target.astype("int64")
    return train_test_split(images, labels, test_size=0.2, random_state=seed, stratify=labels)


def build_model():
    layers = tf.keras.layers
    return tf.keras.Sequential([
        tf.keras.Input(shape=(8, 8, 1)),
        layers.Conv2D(32, 3, activation="relu", padding="same"),   # (8, 8, 32)
        layers.MaxPooling2D(),                                      # (4, 4, 32)
        layers.Conv2D(64, 3, activation="relu"),                    # (2, 2, 64)
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dropout(0.3),
        layers.Dense(10, activation="softmax"),
    ], name="digits_cnn")


def main(seed=0, epochs=15):
    tf.random.set_seed(seed)   # weights and dropout masks
    np.random.seed(seed)       # fit's shuffling
    x_train, x_test, y_train, y_test = load_data(seed)

    model = build_model()
    model.summary()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    # validation_split holds out the last 10% of the training arrays (before shuffling).
    model.fit(x_train, y_train, batch_size=32, epochs=epochs, validation_split=0.1, verbose=1)

    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"test loss {loss:.4f}  test accuracy {accuracy:.4f} on {len(x_test)} images")
    return accuracy


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=15)
    args = parser.parse_args()
    accuracy = main(args.seed, args.epochs)
    assert accuracy >= TARGET_ACCURACY, f"test accuracy {accuracy:.4f} is below {TARGET_ACCURACY}"
