"""The main demo until Keras layers land: fit y = 2x + 1 with GradientTape and assign_sub.

Run: python examples/fit_line.py
"""
import eigenflow as tf

tf.random.set_seed(0)
x = tf.constant([[i / 10.0] for i in range(-20, 21)])
y = 2.0 * x + 1.0

w = tf.Variable(0.0, name="w")
b = tf.Variable(0.0, name="b")
for step in range(201):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum((w * x + b - y) ** 2) / 41.0
    dw, db = tape.gradient(loss, [w, b])
    w.assign_sub(0.1 * dw)
    b.assign_sub(0.1 * db)
    if step % 50 == 0:
        print(f"step {step:3d}  loss {float(loss):.6f}  w {float(w):.4f}  b {float(b):.4f}")
assert abs(float(w) - 2.0) < 1e-2 and abs(float(b) - 1.0) < 1e-2
print("fitted y = %.3f x + %.3f" % (float(w), float(b)))
