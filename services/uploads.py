"""Uploading files: the access rule for new documents and the hand-over of staged files to an ingest job.

The API (``POST /api/uploads``) and the web form (``POST /upload``) receive the bytes their own way
(``search_api.uploads`` streams multipart to the staging folder and checks each file's type at once);
both then come here, so the rule for who may file what is written once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from services.jobs import Job, JobManager
from services.upload_check import count_pages
from sulieu.access import User, assignable_access
from sulieu.errors import AccessDenied, InputError, TooLarge
from sulieu.model import ACCESS_LEVELS
from sulieu.settings import Settings


def check_pages(staged: list[tuple[str, Path]], settings: Settings) -> int:
    """Refuse at once what would hold a worker for hours: a 50,000-page PDF of 7.9 MB was accepted and
    would have taken the single upload worker about 21 hours. Returns the job's page count."""
    total = 0
    for name, path in staged:
        pages = count_pages(path)
        if pages > settings.max_pages_per_file:
            raise TooLarge(f"{name}: {pages:,} trang, vượt giới hạn {settings.max_pages_per_file:,} trang một tệp; "
                           "hãy tách tệp hoặc nhập bằng dòng lệnh (sulieu ingest).")
        total += pages
    if total > settings.max_pages_per_job:
        raise TooLarge(f"Lần tải lên này có {total:,} trang, vượt giới hạn {settings.max_pages_per_job:,} trang; "
                       "hãy chia thành nhiều lần.")
    return total


def upload(jobs: JobManager, user: User, job_id: str, staged: list[tuple[str, Path]], staging: Path,
           access: str | None, settings: Settings) -> Job:
    """Queue staged files for ingest at an access level the uploader may see, within the page limits;
    on any refusal the staging folder is removed (an upload is all or nothing)."""
    try:
        level = (access or settings.default_access).strip()
        if level not in ACCESS_LEVELS:
            raise InputError(f"Mức truy cập phải là một trong {', '.join(ACCESS_LEVELS)}.", detail=level[:40])
        if level not in assignable_access(user):
            raise AccessDenied("Bạn không được tạo tài liệu ở mức truy cập mà chính mình không xem được.")
        check_pages(staged, settings)
        return jobs.submit(job_id, user.name, level, staged, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
