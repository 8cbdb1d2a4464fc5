"""``/api/v1/releases``: which releases are served and kept, and which one is current."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request

from flis.access import Principal
from flis.api.auth import services, user
from flis.compare.snapshot import current_snapshot_or_none, releases_dir

router = APIRouter(tags=["releases"])


@router.get("/releases", summary="The kept release snapshots, newest first, and the current one")
def releases(request: Request, principal: Principal = Depends(user)) -> dict:
    home = services(request).home
    root = releases_dir(home)
    kept = []
    if root.exists():
        for path in root.iterdir():
            meta = path / "release.json"
            if path.is_dir() and not path.name.startswith(".") and meta.is_file():
                kept.append(json.loads(meta.read_text(encoding="utf-8")))
    kept.sort(key=lambda r: str(r.get("published_at") or r.get("created_at") or ""), reverse=True)
    current = current_snapshot_or_none(home)
    return {"current": current.release_id if current else None, "releases": kept}
