"""OCR of scans and image-only PDF pages with Tesseract (``vie``), page by page in a process pool.

    preprocess.py   Pillow/numpy clean-up chosen by measurement (bench/ocr_bench.py --ablation)
    tesseract.py    the engine: CLI with PGM on stdin, TSV out, OSD on demand
    pdf_render.py   a PDF page to pixels within a budget (pypdfium2)
    images.py       safe image opening: pixel limits, damaged files
    worker.py       one page: decode, clean, recognise, viewer image and thumbnail
    pool.py         many pages, bounded in flight, in order
    folder_book.py  a folder of page images as one book
    doctor.py       installation checks for ``sulieu doctor``
"""
