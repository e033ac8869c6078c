"""API routers, one per resource (interop and web UI routers are added beside these)."""
