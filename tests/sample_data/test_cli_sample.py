"""``sulieu sample OUT_DIR`` through the real command dispatcher."""

from __future__ import annotations

from sulieu_cli.main import main


def test_sample_command_writes_files_and_prints_ingest_commands(tmp_path, capsys, sample_cache):
    out = tmp_path / "mau"
    assert main(["sample", str(out), "--no-scans"]) == 0
    printed = capsys.readouterr().out
    assert "tài liệu mẫu" in printed and f"sulieu ingest {out / 'restricted'} --access restricted" in printed
    assert (out / "manifest.json").is_file()
    assert len(list((out / "public").rglob("*.pdf"))) >= 10


def test_sample_command_refuses_a_file_with_a_vietnamese_message(tmp_path, capsys):
    target = tmp_path / "tep.txt"
    target.write_text("x", encoding="utf-8")
    assert main(["sample", str(target)]) == 1
    err = capsys.readouterr().err
    assert "không phải là thư mục" in err
    assert target.read_text(encoding="utf-8") == "x"
