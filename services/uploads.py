"""Uploading files: the access rule for new documents and the hand-over of staged files to an ingest job.

The API (``POST /api/uploads``) and the web form (``POST /upload``) receive the bytes their own way
(``search_api.uploads`` streams multipart to the staging folder and checks each file's type at once);
both then come here, so the rule for who may file what is written once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from services.jobs import Job, JobManager
from sulieu.access import User, assignable_access
from sulieu.errors import AccessDenied, InputError
from sulieu.model import ACCESS_LEVELS


def upload(jobs: JobManager, user: User, job_id: str, staged: list[tuple[str, Path]], staging: Path,
           access: str | None, default_access: str) -> Job:
    """Queue staged files for ingest at an access level the uploader may see; on any refusal the
    staging folder is removed (an upload is all or nothing)."""
    try:
        level = (access or default_access).strip()
        if level not in ACCESS_LEVELS:
            raise InputError(f"Mức truy cập phải là một trong {', '.join(ACCESS_LEVELS)}.", detail=level[:40])
        if level not in assignable_access(user):
            raise AccessDenied("Bạn không được tạo tài liệu ở mức truy cập mà chính mình không xem được.")
        return jobs.submit(job_id, user.name, level, staged, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
