"""Backup and restore (scripts/backup.sh, restore.sh): everything comes back, bit for bit."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
from pathlib import Path

import psycopg2

from tests.system.servers import (
    ROOT,
    database_url,
    empty_database,
    fresh_database,
    manage,
    system_database_name,
    table_fingerprints,
)


def fingerprints(url: str) -> dict[str, tuple[int, str]]:
    with contextlib.closing(psycopg2.connect(url)) as conn, conn.cursor() as cur:
        return table_fingerprints(cur)


def file_checksums(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def script(name: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / name), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_backup_then_restore_into_a_fresh_database_gives_the_same_data_and_files(tmp_path):
    with fresh_database(system_database_name("backup"), tmp_path, DEMO_MODE="1") as env:
        manage(env, "seed_demo")
        media = Path(env["MEDIA_ROOT"])
        (media / "ho-so" / "2025").mkdir(parents=True)
        (media / "ho-so" / "2025" / "Tờ trình số 12.pdf").write_bytes(
            b"%PDF-1.7\n" + bytes(range(256))
        )
        (media / "ho-so" / "biên bản.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 5000)
        (media / "rỗng.txt").write_bytes(b"")
        before_tables = fingerprints(env["DATABASE_URL"])
        before_files = file_checksums(media)
        assert before_tables["emulation_user"][0] >= 12
        # Bắc Kạn's 108, the old Thái Nguyên's 172 and the 92 units from 1/7/2025
        assert before_tables["communes_commune"][0] == 108 + 172 + 92

        backup = script("backup.sh", env, str(tmp_path / "sao-luu"))
        assert backup.returncode == 0, backup.stderr
        folder = Path(backup.stdout.strip().splitlines()[-1])
        assert sorted(p.name for p in folder.iterdir()) == [
            "SHA256SUMS",
            "database.dump",
            "media.tar.gz",
        ]

    # The source is gone: restore into a new, empty database and an empty media folder.
    with empty_database(system_database_name("restored")) as restored_url:
        restored_env = {**env, "DATABASE_URL": restored_url, "MEDIA_ROOT": str(tmp_path / "m2")}
        restore = script("restore.sh", restored_env, str(folder))
        assert restore.returncode == 0, restore.stderr
        assert fingerprints(restored_env["DATABASE_URL"]) == before_tables
        assert file_checksums(tmp_path / "m2") == before_files
        manage(restored_env, "migrate", "--check")

        # Restoring again over the restored data is refused: nothing is overwritten.
        again = script("restore.sh", restored_env, str(folder))
        assert again.returncode != 0
        assert "chỉ phục hồi vào cơ sở dữ liệu rỗng" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path):
    folder = tmp_path / "hong"
    folder.mkdir()
    (folder / "database.dump").write_bytes(b"PGDMP not really")
    (folder / "media.tar.gz").write_bytes(b"")
    (folder / "SHA256SUMS").write_text(
        f"{'0' * 64}  database.dump\n{hashlib.sha256(b'').hexdigest()}  media.tar.gz\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": database_url(system_database_name("khong_ton_tai")),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    run = script("restore.sh", env, str(folder))
    assert run.returncode != 0
    assert "bị hỏng" in run.stderr
    assert not (tmp_path / "media").exists()
