"""API routers, one per resource (interop and web UI routers are added beside these)."""

from typing import Annotated

from fastapi import Path

MAX_DB_INT = 2**63 - 1

#: A database id in a URL path: a whole number the database can hold. A larger one is a 422 naming the
#: parameter, not a driver overflow (500); any other id that is not there is the route's 404.
DbId = Annotated[int, Path(ge=-MAX_DB_INT - 1, le=MAX_DB_INT)]
