"""Command-line commands, one module per area; each defines ``register(app, bench_app)``."""
