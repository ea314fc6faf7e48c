"""Upload files (multipart) and follow their ingest job."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from search_api.deps import Editor
from search_api.errors import responses
from search_api.state import app_state
from search_api.uploads import receive_upload
from services import uploads
from services.schemas import JobPublic, JobsPublic
from sulieu.model import ACCESS_LEVELS

router = APIRouter(prefix="/api", tags=["uploads"])

MAX_FILES = 100
JobId = Annotated[str, Path(max_length=64, pattern=r"^[0-9a-f]{1,64}$", examples=["3f2a9c0d1e4b5a67"])]

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["files"],
            "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                          "description": "Một hoặc nhiều tệp: PDF, ảnh quét, DOCX, TXT, HTML."},
                "access": {"type": "string", "enum": list(ACCESS_LEVELS),
                           "description": "Mức truy cập của các tài liệu mới (mặc định theo cấu hình)."},
            }}}},
    }
}


@router.post("/uploads", status_code=202, response_model=JobPublic, openapi_extra=_UPLOAD_BODY,
             summary="Tải lên một hoặc nhiều tệp; xử lý nền, theo dõi qua /api/jobs/{id}",
             responses=responses(400, 401, 403, 413, 415, 422))
async def upload(request: Request, user: Editor) -> JSONResponse:
    state = app_state(request)
    settings = state.settings
    job_id, folder, files, fields = await receive_upload(
        request, state.store.uploads_dir, max_file_bytes=settings.max_upload_mb * 1024 * 1024,
        max_files=MAX_FILES, max_image_pixels=settings.max_image_pixels)
    job = uploads.upload(state.jobs, user, job_id, [(f.name, f.path) for f in files], folder,
                         fields.get("access"), settings)
    body = JobPublic.model_validate(job.public()).model_dump(mode="json")
    return JSONResponse(body, status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs", response_model=JobsPublic, summary="Các công việc nhập liệu", responses=responses(401, 403))
def list_jobs(request: Request, user: Editor) -> JobsPublic:
    jobs = app_state(request).jobs.list(None if user.role == "admin" else user.name)
    return JobsPublic(data=[JobPublic.model_validate(j.public()) for j in jobs[:200]], count=len(jobs))


@router.get("/jobs/{job_id}", response_model=JobPublic, summary="Tiến độ và kết quả từng tệp",
            responses=responses(401, 403, 404, 422))
def get_job(job_id: JobId, request: Request, user: Editor) -> JobPublic:
    job = app_state(request).jobs.get(job_id)
    if user.role != "admin" and job.by != user.name:
        from sulieu.errors import NotFound

        raise NotFound(f"Không có công việc {job_id!r}.")
    return JobPublic.model_validate(job.public())


@router.post("/jobs/{job_id}/cancel", response_model=JobPublic,
             summary="Hủy một lần tải lên (đang chờ: ngay; đang chạy: sau tệp đang xử lý)",
             responses=responses(400, 401, 403, 404, 422))
def cancel_job(job_id: JobId, request: Request, user: Editor) -> JobPublic:
    job = app_state(request).jobs.cancel(job_id, None if user.role == "admin" else user.name)
    return JobPublic.model_validate(job.public())
