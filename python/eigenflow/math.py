"""tf.math: filled from the op registry by eigenflow._namespaces, plus composites below."""
