"""One settings object, read from ``SULIEU_*`` environment variables and injected where needed."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

AccessLevel = Literal["public", "internal", "restricted"]


DEFAULT_MAX_IMAGE_PIXELS = 178_956_970  # two A3 pages at 1200 dpi; Pillow's own default is half of it


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SULIEU_", extra="ignore")

    archive: Path = Field(Path("archive_data"), description="Thư mục kho lưu trữ (bản gốc, hồ sơ, chỉ mục).")
    es_url: str | None = Field(None, description="Địa chỉ Elasticsearch; để trống thì dùng Tantivy nhúng.")
    opensearch_url: str | None = Field(
        None, description="Địa chỉ OpenSearch (có thể nhiều nút, cách nhau dấu phẩy); để trống thì dùng Tantivy nhúng."
    )
    es_index: str = Field("sulieu", description="Tên chỉ mục trên Elasticsearch hoặc OpenSearch.")
    es_shards: int = Field(1, ge=1, le=64, description="Số phân mảnh chính của chỉ mục Elasticsearch/OpenSearch mới.")
    es_replicas: int = Field(0, ge=0, le=8, description="Số bản sao mỗi phân mảnh (Elasticsearch/OpenSearch).")
    host: str = Field("127.0.0.1", description="Địa chỉ máy chủ web.")
    port: int = Field(8000, description="Cổng máy chủ web.")
    jobs: int = Field(0, description="Số tiến trình xử lý song song (0 = số lõi CPU).")
    default_access: AccessLevel = Field("public", description="Mức truy cập mặc định của tài liệu mới.")
    ocr_lang: str = Field("vie", description="Ngôn ngữ Tesseract.")
    tesseract_cmd: str = Field("tesseract", description="Lệnh Tesseract.")
    ocr_dpi: int = Field(300, description="Độ phân giải khi dựng trang PDF thành ảnh để OCR.")
    ocr_review_confidence: float = Field(75.0, description="Trang OCR có độ tin cậy dưới ngưỡng này cần rà soát.")
    max_image_pixels: int = Field(DEFAULT_MAX_IMAGE_PIXELS, description="Giới hạn điểm ảnh một trang (chống bom giải nén).")
    max_upload_mb: int = Field(200, description="Kích thước tối đa một tệp tải lên (MB).")
    max_file_mb: int = Field(2048, description="Kích thước tối đa một tệp nhập (MB).")
    max_pages_per_file: int = Field(3000, ge=1, description="Số trang tối đa của một tệp tải lên.")
    max_pages_per_job: int = Field(10000, ge=1, description="Tổng số trang tối đa của một lần tải lên.")
    upload_workers: int = Field(2, ge=1, le=16, description="Số công việc nhập từ web chạy cùng lúc.")
    max_queued_jobs_per_user: int = Field(20, ge=1, description="Số công việc tải lên đang chờ tối đa của một người.")
    pipeline: Path | None = Field(None, description="Tệp YAML của pipeline nhập liệu tùy chỉnh (sulieu pipeline save).")
    secret_key: str | None = Field(None, description="Khóa ký phiên đăng nhập; để trống thì sinh và lưu trong kho.")
    session_hours: int = Field(12, description="Thời hạn phiên đăng nhập (giờ).")
    oai_page_size: int = Field(100, ge=1, le=1000, description="Số bản ghi mỗi trang của OAI-PMH (ListRecords, ListIdentifiers).")
    oai_repository_id: str = Field("sulieu.local", description="Tên miền trong định danh OAI (oai:TÊN-MIỀN:mã-tài-liệu).")
    oai_admin_email: str = Field("quantri@sulieu.local", description="Địa chỉ thư của người quản trị, báo cho máy thu hoạch OAI-PMH.")
    search_preload: bool = Field(
        True, description="Khi máy chủ khởi động, đọc trước chỉ mục Tantivy vào bộ nhớ đệm của hệ điều hành."
    )

    @model_validator(mode="after")
    def _one_cluster_engine(self) -> Settings:
        if self.es_url and self.opensearch_url:
            raise ValueError("Chỉ đặt một trong SULIEU_ES_URL và SULIEU_OPENSEARCH_URL: mỗi kho dùng một máy tìm kiếm.")
        return self

    @property
    def jobs_effective(self) -> int:
        import os

        return self.jobs if self.jobs > 0 else max(1, os.cpu_count() or 1)
