# Sử liệu: the web app and CLI. Tesseract with Vietnamese data for OCR of scans.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HAYSTACK_TELEMETRY_ENABLED=False \
    OMP_THREAD_LIMIT=1 \
    SULIEU_ARCHIVE=/data/archive

RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir .

VOLUME ["/data"]
EXPOSE 8000
CMD ["sulieu", "serve", "--host", "0.0.0.0"]
