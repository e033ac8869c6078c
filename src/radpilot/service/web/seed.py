"""Demo data for ``radpilot serve --demo``: the bundled chest radiograph as a few studies, drafted, and users.

``demo_seed(db_url)`` migrates the database, writes the demo DICOM instances to an image folder, and stores
four studies (a STAT critical case, an urgent unreported case, a routine radiograph and a screening CT without
images) with AI drafts made by the same drafting pipeline and lifecycle code the service runs. It refuses a
database that already holds studies, so it never mixes demo patients into real data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from radpilot.service import drafting, lifecycle
from radpilot.service.users import Principal, create_user
from radpilot.store import Database, data_dir, upgrade
from radpilot.store.models import Instance, Series, Study, utcnow


class DemoSeedError(RuntimeError):
    """The database cannot take the demo data (e.g. it already holds studies)."""


@dataclass(frozen=True, slots=True)
class DemoCase:
    seed: str | None  # demo image seed, None for a study without images
    accession: str
    exam: str
    modality: str
    indication: str
    priority: str
    patient: dict[str, Any]
    findings: str | None  # dictated findings to draft from, None to leave the study unreported
    waited_minutes: int


CASES = (
    DemoCase(
        "radpilot-demo-stat",
        "DEMO0001",
        "XR CHEST PORTABLE",
        "CR",
        "Chest pain and dyspnoea after right internal jugular line placement.",
        "stat",
        {"id": "DEMO-100001", "name": "Rivera^Ana", "sex": "F", "birth_date": date(1958, 4, 2)},
        "Large right pneumothorax. Right internal jugular central venous catheter with tip in the superior "
        "vena cava. Heart size is normal. No pleural effusion.",
        22,
    ),
    DemoCase(
        "radpilot-demo",
        "DEMO0002",
        "XR CHEST PA",
        "CR",
        "Shortness of breath.",
        "routine",
        {"id": "DEMO-100002", "name": "Demo^Patient", "sex": "M", "birth_date": date(1966, 10, 2)},
        "The heart is enlarged. Small left pleural effusion. No pneumothorax. The lungs are otherwise clear.",
        95,
    ),
    DemoCase(
        None,
        "DEMO0003",
        "CT CHEST LOW DOSE SCREENING",
        "CT",
        "Lung cancer screening. 30 pack-year smoker.",
        "routine",
        {"id": "DEMO-100003", "name": "Okafor^James", "sex": "M", "birth_date": date(1960, 1, 15)},
        "9 mm solid nodule in the left upper lobe. No pleural effusion. No lymphadenopathy.",
        180,
    ),
    DemoCase(
        "radpilot-demo-urgent",
        "DEMO0004",
        "XR CHEST 2 VIEWS",
        "CR",
        "Fever and cough for five days.",
        "urgent",
        {"id": "DEMO-100004", "name": "Nguyen^Linh", "sex": "F", "birth_date": date(1979, 7, 21)},
        None,
        41,
    ),
)


@dataclass(frozen=True, slots=True)
class DemoSeed:
    """What ``radpilot serve --demo`` prints: where to go and how to log in."""

    path: str
    username: str
    token: str
    logins: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (user name, token)
    studies: tuple[int, ...] = ()

    def __iter__(self) -> Any:  # (path, username, token), as the lead's CLI unpacks it
        return iter((self.path, self.username, self.token))


def default_image_dir(db_url: str) -> Path:
    url = make_url(Database(db_url).url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).parent / "demo-images"
    return data_dir() / "demo-images"


def _store_images(s: Any, study: Study, seed: str, folder: Path) -> None:
    from radpilot.interop.demo_study import build_demo_study

    demo = build_demo_study(seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{demo.sop_instance_uid}.dcm"
    demo.dataset.save_as(path, enforce_file_format=True)
    study.study_instance_uid = demo.study_instance_uid
    series = Series(
        study_id=study.id,
        series_instance_uid=demo.series_instance_uid,
        modality="CR",
        number=1,
        description=str(demo.dataset.get("SeriesDescription", "PA")),
    )
    s.add(series)
    s.flush()
    s.add(
        Instance(
            series_id=series.id,
            sop_instance_uid=demo.sop_instance_uid,
            sop_class_uid=str(demo.dataset.SOPClassUID),
            number=1,
            path=str(path),
            size_bytes=path.stat().st_size,
        )
    )
    s.flush()


def demo_seed(db_url: str, image_dir: str | Path | None = None) -> DemoSeed:
    """Fill a fresh database with the demo studies and users; returns the login to print."""
    db = Database(db_url)
    try:
        upgrade(db)
        folder = Path(image_dir) if image_dir is not None else default_image_dir(db_url)
        with db.write() as s:
            if int(s.scalar(select(func.count(Study.id))) or 0):
                raise DemoSeedError(
                    f"{db.url.split('@')[-1]} already holds studies; the demo needs an empty database "
                    "(use a new --db path)"
                )
            logins: dict[str, tuple[str, str]] = {}
            principals: dict[str, Principal] = {}
            for role, name in (
                ("radiologist", "demo-radiologist"),
                ("resident", "demo-resident"),
                ("admin", "demo-admin"),
            ):
                user, token = create_user(s, name, role)
                logins[role] = (name, token)
                principals[role] = Principal(user.id, user.name, user.role)
            rad = principals["radiologist"]
            ids = []
            for case in CASES:
                study = lifecycle.create_study(
                    s,
                    rad,
                    {
                        "accession": case.accession,
                        "exam": case.exam,
                        "modality": case.modality,
                        "indication": case.indication,
                        "priority": case.priority,
                        "patient": case.patient,
                        "ordering_clinician": "Referrer^Demo",
                        "source": "demo",
                    },
                )
                study.created_at = utcnow() - timedelta(minutes=case.waited_minutes)
                if case.seed:
                    _store_images(s, study, case.seed, folder)
                if case.findings:
                    fields = drafting.study_input_fields(study, [])
                    result = drafting.draft(fields, case.findings, None)
                    lifecycle.store_draft(s, rad, study, result)
                ids.append(study.id)
        name, token = logins["radiologist"]
        return DemoSeed("/login", name, token, logins, tuple(ids))
    finally:
        db.dispose()
