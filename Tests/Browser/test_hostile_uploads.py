"""Issue 10, figure 7: hostile uploads through the dossier attachment form, with the ClamAV daemon that
scripts/test starts (MOTCUA_CLAMD, a signature database of the EICAR test string). Every hostile file is refused
with its reason in Vietnamese; the clean ones are kept under safe names; nothing is written outside the file
store (the data folder is compared before and after, and the paths the names point at stay absent)."""
import html
import io
import os
import pathlib
import re
import unicodedata
import zipfile
import zlib

import pytest

from http_client import Client

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
# The EICAR test file, put together here so that this source is not itself the test file.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def png(width, height, trailer=b""):
    def chunk(kind, data):
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"") + trailer


def jpeg(trailer=b""):
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            b"\xff\xc0\x00\x0b\x08\x00\x02\x00\x02\x01\x01\x11\x00\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x12\x34\xff\xd9" + trailer)


def docx(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", "<?xml version='1.0'?><Types/>")
        for name, content in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            archive.writestr(info, content)
    return buffer.getvalue()


def zip_bomb():
    """A .docx whose one part inflates from ~200 KB to 200 MiB (beyond the 100 MiB an upload may inflate to)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1 << 20)
    raw = b"".join(compressor.compress(chunk) for _ in range(200)) + compressor.flush()
    good = docx([("word/document.xml", "<w:document/>")], zipfile.ZIP_STORED)
    # Rebuild the archive with the bomb as a deflated entry written by hand (zipfile would inflate nothing).
    name = b"word/media/image1.bin"
    local = (b"PK\x03\x04" + (20).to_bytes(2, "little") + b"\0\0" + (8).to_bytes(2, "little") + b"\0\0\0\0" + b"\0\0\0\0"
             + len(raw).to_bytes(4, "little") + (200 << 20).to_bytes(4, "little") + len(name).to_bytes(2, "little") + b"\0\0" + name + raw)
    archive = zipfile.ZipFile(io.BytesIO(good))
    body, directory = b"", b""
    for info in archive.infolist():
        data = archive.read(info.filename)
        entry_name = info.filename.encode()
        offset = len(body)
        body += (b"PK\x03\x04" + (20).to_bytes(2, "little") + b"\0\0\0\0\0\0\0\0" + zlib.crc32(data).to_bytes(4, "little")
                 + len(data).to_bytes(4, "little") * 2 + len(entry_name).to_bytes(2, "little") + b"\0\0" + entry_name + data)
        directory += (b"PK\x01\x02" + (20).to_bytes(2, "little") * 2 + b"\0\0\0\0\0\0\0\0" + zlib.crc32(data).to_bytes(4, "little")
                      + len(data).to_bytes(4, "little") * 2 + len(entry_name).to_bytes(2, "little") + b"\0" * 8 + b"\0\0\0\0"
                      + offset.to_bytes(4, "little") + entry_name)
    offset = len(body)
    body += local
    directory += (b"PK\x01\x02" + (20).to_bytes(2, "little") * 2 + b"\0\0" + (8).to_bytes(2, "little") + b"\0\0\0\0\0\0\0\0"
                  + len(raw).to_bytes(4, "little") + (200 << 20).to_bytes(4, "little") + len(name).to_bytes(2, "little") + b"\0" * 8
                  + b"\0\0\0\0" + offset.to_bytes(4, "little") + name)
    count = len(archive.infolist()) + 1
    return (body + directory + b"PK\x05\x06\0\0\0\0" + count.to_bytes(2, "little") * 2 + len(directory).to_bytes(4, "little")
            + len(body).to_bytes(4, "little") + b"\0\0")


NFD_NAME = unicodedata.normalize("NFD", "Giấy khai sinh (bản sao).pdf")
HOSTILE = [
    ("eicar-in-a-pdf", "don.pdf", b"%PDF-1.4\n% " + EICAR + b"\n%%EOF\n", "mã độc (Eicar-Test-Signature"),
    ("eicar-named-pdf", "don.pdf", EICAR, "không đúng với loại tệp"),
    ("pdf-then-html", "don.pdf", PDF + b"<html><script>alert(document.cookie)</script></html>", "dữ liệu lạ"),
    ("png-then-zip", "anh.png", png(4, 4, docx([("word/document.xml", "x")])), "dữ liệu lạ"),
    ("jpeg-then-html", "anh.jpg", jpeg(b"<script>alert(1)</script>"), "dữ liệu lạ"),
    ("gifar-like", "anh.jpg", jpeg() + b"PK\x03\x04" + b"\0" * 40, "dữ liệu lạ"),
    ("pdf-javascript", "don.pdf", PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "tự chạy"),
    ("pdf-javascript-escaped", "don.pdf", PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript >>"), "tự chạy"),
    ("pdf-launch", "don.pdf", PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >>"), "tự chạy"),
    ("docx-macro", "to-khai.docx", docx([("word/document.xml", "x"), ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")]), "tự chạy"),
    ("zip-bomb", "to-khai.docx", zip_bomb(), "giải nén ra quá lớn"),
    ("zip-slip", "to-khai.docx", docx([("word/document.xml", "x"), ("../../../../tmp/motcua-zip-slip.sh", "#!/bin/sh")]), "đường dẫn không an toàn"),
    ("zip-absolute", "bang.xlsx", docx([("/tmp/motcua-absolute.sh", "#!/bin/sh")]), "đường dẫn không an toàn"),
    ("huge-png", "anh.png", png(100_000, 100_000), "vượt quá mức cho phép"),
    ("wide-png", "anh.png", png(60_000, 10), "vượt quá mức cho phép"),
    ("truncated-png", "anh.png", png(4, 4)[:-12], "bị hỏng"),
    ("executable", "setup.exe", b"MZ\x90\x00" + b"\0" * 60, "Chỉ nhận tệp"),
    ("double-extension", "anh.jpg.exe", jpeg(), "Chỉ nhận tệp"),
    ("html-as-pdf", "don.pdf", b"<html><script>alert(1)</script></html>", "không đúng với loại tệp"),
    ("svg-as-png", "anh.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "không đúng với loại tệp"),
]
ACCEPTED = [
    ("../../../../tmp/motcua-path-trick.pdf", PDF, "motcua-path-trick.pdf"),
    ("..\\..\\..\\Windows\\motcua-backslash.pdf", PDF.replace(b"Catalog", b"Catalog "), "motcua-backslash.pdf"),
    (NFD_NAME, PDF.replace(b"Catalog", b"Catalog  "), unicodedata.normalize("NFC", NFD_NAME)),
    ("anh\u202egpj.pdf", PDF.replace(b"Catalog", b"Catalog   "), "anhgpj.pdf"),
    ("anh-that.png", png(40, 30), "anh-that.png"),
    ("to-khai-that.docx", docx([("word/document.xml", "<w:document/>")]), "to-khai-that.docx"),
]


def files_under(folder):
    return {str(path.relative_to(folder)) for path in pathlib.Path(folder).rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def desk(base_url):
    client = Client(base_url, "motcua.hoankiem")
    _, page = client.get("/dossiers")
    dossier = re.search(r'href="/dossiers/(\d+)"', page).group(1)
    return client, f"/dossiers/{dossier}"


def test_hostile_files_are_refused_and_nothing_is_written(desk):
    client, dossier = desk
    data = os.environ.get("MOTCUA_DATA_DIR")
    before = files_under(data) if data else set()
    refused = []
    for label, name, content, reason in HOSTILE:
        status, page = client.upload(dossier + "/attachments", {"description": label, "purpose": "application"}, name, content)
        assert status == 400, (label, status)
        assert reason in html.unescape(page), (label, re.findall(r'notice--error">([^<]*)<', page))
        refused.append(label)
    _, page = client.get(dossier)
    assert not any(label in page for label, *_ in HOSTILE), "a refused file was listed"
    if data:
        created = {path for path in files_under(data) - before if not re.search(r"\.(sqlite|db)(-wal|-shm|-journal)?$", path)}
        assert not created, created
    for stray in ["/tmp/motcua-zip-slip.sh", "/tmp/motcua-absolute.sh"]:
        assert not os.path.exists(stray)
    print(f"\nhostile uploads: {len(refused)} refused, each with its reason; nothing written")


def test_clean_files_are_kept_under_safe_names(desk):
    client, dossier = desk
    data = os.environ.get("MOTCUA_DATA_DIR")
    before = files_under(data) if data else set()
    for name, content, shown in ACCEPTED:
        status, page = client.upload(dossier + "/attachments", {"description": "", "purpose": "application"}, name, content)
        assert status in (302, 303), (name, status, re.findall(r'notice--error">([^<]*)<', page))
    _, page = client.get(dossier)
    page = html.unescape(page)
    for _, _, shown in ACCEPTED:
        assert shown in page, shown
    assert NFD_NAME not in page and "\u202e" not in page
    for stray in ["/tmp/motcua-path-trick.pdf", "/Windows/motcua-backslash.pdf"]:
        assert not os.path.exists(stray)
    if data:
        created = {path for path in files_under(data) - before if not re.search(r"\.(sqlite|db)(-wal|-shm|-journal)?$", path)}
        assert created and all(re.fullmatch(r"files/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}", path) for path in created), created
        assert len(created) == len(ACCEPTED)
