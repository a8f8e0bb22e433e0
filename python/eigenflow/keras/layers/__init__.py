"""``keras.layers``: every built-in layer, one file each (loaded on first use)."""
from ..._lazy import install

_EXPORTS = {
    "Layer": ".layer",
    "InputLayer": ".input_layer", "Input": ".input_layer",
    "Dense": ".core.dense", "Embedding": ".core.embedding", "Lambda": ".core.lambda_layer",
    "Identity": ".core.identity",
    "Activation": ".activations.activation", "ReLU": ".activations.relu", "Softmax": ".activations.softmax",
    "LeakyReLU": ".activations.leaky_relu",
    "Dropout": ".regularization.dropout",
    "Flatten": ".reshaping.flatten", "Reshape": ".reshaping.reshape", "Permute": ".reshaping.permute",
    "RepeatVector": ".reshaping.repeat_vector",
    "Concatenate": ".merging.concatenate", "concatenate": ".merging.concatenate",
    "Add": ".merging.add", "add": ".merging.add",
    "Subtract": ".merging.subtract", "subtract": ".merging.subtract",
    "Multiply": ".merging.multiply", "multiply": ".merging.multiply",
    "Average": ".merging.average", "average": ".merging.average",
    "Maximum": ".merging.maximum", "maximum": ".merging.maximum",
    "Minimum": ".merging.minimum", "minimum": ".merging.minimum",
    "BatchNormalization": ".normalization.batch_normalization",
    "LayerNormalization": ".normalization.layer_normalization",
    "Conv1D": ".convolutional.conv1d", "Conv2D": ".convolutional.conv2d",
    "Convolution1D": ".convolutional.conv1d", "Convolution2D": ".convolutional.conv2d",
    "MaxPooling1D": ".pooling.max_pooling1d", "MaxPooling2D": ".pooling.max_pooling2d",
    "MaxPool1D": ".pooling.max_pooling1d", "MaxPool2D": ".pooling.max_pooling2d",
    "AveragePooling1D": ".pooling.average_pooling1d", "AveragePooling2D": ".pooling.average_pooling2d",
    "AvgPool1D": ".pooling.average_pooling1d", "AvgPool2D": ".pooling.average_pooling2d",
    "GlobalAveragePooling1D": ".pooling.global_average_pooling1d",
    "GlobalAveragePooling2D": ".pooling.global_average_pooling2d",
    "GlobalMaxPooling1D": ".pooling.global_max_pooling1d",
    "GlobalMaxPooling2D": ".pooling.global_max_pooling2d",
    "GlobalAvgPool1D": ".pooling.global_average_pooling1d", "GlobalAvgPool2D": ".pooling.global_average_pooling2d",
    "GlobalMaxPool1D": ".pooling.global_max_pooling1d", "GlobalMaxPool2D": ".pooling.global_max_pooling2d",
    "RNN": ".rnn.rnn", "SimpleRNNCell": ".rnn.simple_rnn", "SimpleRNN": ".rnn.simple_rnn",
    "LSTMCell": ".rnn.lstm", "LSTM": ".rnn.lstm", "GRUCell": ".rnn.gru", "GRU": ".rnn.gru",
}

install(globals(), _EXPORTS)
