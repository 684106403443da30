"""Office files made in the tests: a small compound-file (MS-CFB) writer and the few
records that Word, Excel and PowerPoint 97–2003 files start with, and Office Open XML
packages with or without active content.

olefile, oletools and msoffcrypto-tool only read compound files, and no sample ships
with them, so the legacy files are written here: version 3 (512-byte sectors), streams
under 4,096 bytes in the mini stream, the others in ordinary sectors, the directory
as a balanced binary tree per storage — what the readers walk.
"""

from __future__ import annotations

import io
import struct
import zipfile

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5

WORD_CLSID = "00020906-0000-0000-C000-000000000046"
EXCEL_CLSID = "00020820-0000-0000-C000-000000000046"


def _clsid_bytes(clsid: str | None) -> bytes:
    if not clsid:
        return b"\x00" * 16
    import uuid

    return uuid.UUID(clsid).bytes_le


class _Node:
    def __init__(self, name: str, kind: int, data: bytes = b""):
        self.name, self.kind, self.data = name, kind, data
        self.children: dict[str, _Node] = {}
        self.sid = 0
        self.left = self.right = self.child = NO_STREAM
        self.start, self.size = END_OF_CHAIN, 0


def cfb(streams: dict[str, bytes], *, clsid: str | None = None) -> bytes:
    """A compound file holding ``streams`` ({"Macros/VBA/dir": b"...", ...}); the
    storages on the paths are made as needed."""
    root = _Node("Root Entry", ROOT)
    for path, data in streams.items():
        node = root
        *storages, leaf = path.split("/")
        for name in storages:
            node = node.children.setdefault(name, _Node(name, STORAGE))
        node.children[leaf] = _Node(leaf, STREAM, data)

    order: list[_Node] = []

    def number(node: _Node) -> None:
        node.sid = len(order)
        order.append(node)
        for child in node.children.values():
            number(child)

    number(root)

    def tree(nodes: list[_Node]) -> int:
        # Siblings sorted as MS-CFB compares names: shorter first, then by upper case.
        if not nodes:
            return NO_STREAM
        middle = len(nodes) // 2
        top = nodes[middle]
        top.left, top.right = tree(nodes[:middle]), tree(nodes[middle + 1 :])
        return top.sid

    for node in order:
        if node.children:
            node.child = tree(
                sorted(node.children.values(), key=lambda n: (len(n.name), n.name.upper()))
            )

    # Mini stream: every stream under the cutoff, 64-byte mini sectors.
    mini_stream, mini_fat = bytearray(), []
    big: list[_Node] = []
    for node in order:
        if node.kind != STREAM:
            continue
        node.size = len(node.data)
        if node.size >= MINI_CUTOFF:
            big.append(node)
        elif node.size:
            first = len(mini_stream) // MINI_SECTOR
            count = -(-node.size // MINI_SECTOR)
            mini_stream += node.data.ljust(count * MINI_SECTOR, b"\x00")
            mini_fat += [first + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
            node.start = first

    def sectors(length: int) -> int:
        return -(-length // SECTOR)

    directory_sectors = sectors(len(order) * 128)
    mini_fat_sectors = sectors(len(mini_fat) * 4)
    mini_stream_sectors = sectors(len(mini_stream))
    big_sectors = sum(sectors(n.size) for n in big)
    others = directory_sectors + mini_fat_sectors + mini_stream_sectors + big_sectors
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < others + fat_sectors:
        fat_sectors += 1
    assert fat_sectors <= 109, "test files stay under the header's 109 FAT sectors"

    fat: list[int] = [FAT_SECTOR] * fat_sectors
    body = bytearray()

    def place(data: bytes) -> int:
        count = sectors(len(data))
        first = fat_sectors + len(body) // SECTOR
        fat.extend([first + i + 1 for i in range(count - 1)] + [END_OF_CHAIN])
        body.extend(data.ljust(count * SECTOR, b"\x00"))
        return first

    # The directory is written last but placed first: reserve its sectors now.
    directory_first = place(b"\x00" * directory_sectors * SECTOR)
    mini_fat_first = (
        place(b"".join(struct.pack("<I", n) for n in mini_fat)) if mini_fat else END_OF_CHAIN
    )
    if mini_stream:
        root.start, root.size = place(bytes(mini_stream)), len(mini_stream)
    for node in big:
        node.start = place(node.data)

    directory = bytearray()
    for node in order:
        name = node.name.encode("utf-16-le") + b"\x00\x00"
        assert len(name) <= 64
        entry = bytearray(128)
        entry[: len(name)] = name
        struct.pack_into(
            "<HBBIII", entry, 0x40, len(name), node.kind, 1, node.left, node.right, node.child
        )
        if node is root:
            entry[0x50:0x60] = _clsid_bytes(clsid)
        struct.pack_into("<IQ", entry, 0x74, node.start, node.size)
        directory += entry
    while len(directory) % SECTOR:
        unused = bytearray(128)
        struct.pack_into("<III", unused, 0x44, NO_STREAM, NO_STREAM, NO_STREAM)
        directory += unused
    offset = (directory_first - fat_sectors) * SECTOR
    body[offset : offset + len(directory)] = directory

    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<II", header, 0x2C, fat_sectors, directory_first)
    struct.pack_into("<III", header, 0x38, MINI_CUTOFF, mini_fat_first, mini_fat_sectors)
    struct.pack_into("<II", header, 0x44, END_OF_CHAIN, 0)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 0x4C, *difat)
    return bytes(header) + struct.pack(f"<{len(fat)}I", *fat) + bytes(body)


# --- Word, Excel and PowerPoint 97–2003 ---------------------------------------------------------

VBA_PROJECT = {
    "PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisDocument\r\n',
    "VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x00\x00",
    "VBA/dir": b"\x01" + b"\x00" * 15,
    "VBA/ThisDocument": b"\x00" * 16 + b'Attribut\x00e VB_Name = "ThisDocument"\r\nSub AutoOpen()',
}


def word_document(*, encrypted: bool = False) -> bytes:
    """A WordDocument stream: a FibBase (wIdent 0xA5EC, Word 97 nFib), 1Table in use."""
    flags = 1 << 9  # fWhichTblStm: the table stream is 1Table
    if encrypted:
        flags |= 1 << 8  # fEncrypted
    fib = struct.pack(
        "<HHHHHHHIBBHHII", 0xA5EC, 0x00C1, 0, 0x0409, 0, flags, 0xBF, 0, 0, 0, 0, 0, 0, 0
    )
    return fib.ljust(MINI_CUTOFF + 600, b"\x00")  # past the cutoff: stored in ordinary sectors


def doc_bytes(*, macros: bool = False, encrypted: bool = False, extra=None) -> bytes:
    streams = {"WordDocument": word_document(encrypted=encrypted), "1Table": b"\x00" * 512}
    if macros:
        streams.update({f"Macros/{path}": data for path, data in VBA_PROJECT.items()})
    streams.update(extra or {})
    return cfb(streams, clsid=WORD_CLSID)


def biff(record_type: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", record_type, len(data)) + data


BOF, EOF, BOUNDSHEET, FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F
WORKSHEET, MACRO_SHEET = 0x00, 0x01


def workbook_stream(sheets: list[tuple[str, int]], *, encrypted: bool = False) -> bytes:
    """A BIFF8 Workbook stream: globals (BOF, [FILEPASS], BOUNDSHEETs, EOF), then one
    substream per sheet (BOF of the matching type, EOF)."""

    def bof(substream: int) -> bytes:
        return biff(BOF, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 0x06))

    def boundsheet(position: int, name: str, kind: int) -> bytes:
        encoded = name.encode("latin-1")
        return biff(BOUNDSHEET, struct.pack("<IBBBB", position, 0, kind, len(encoded), 0) + encoded)

    head = bof(0x0005)
    if encrypted:  # RC4 (MS-XLS 2.4.117): type 1, version 1.1, salt, verifier, hash
        head += biff(FILEPASS, struct.pack("<HHH", 1, 1, 1) + b"\x11" * 48)
    sizes = sum(len(boundsheet(0, name, kind)) for name, kind in sheets)
    position = len(head) + sizes + len(biff(EOF))
    records, substreams = [], b""
    for name, kind in sheets:
        records.append(boundsheet(position + len(substreams), name, kind))
        substreams += bof(0x0040 if kind == MACRO_SHEET else 0x0010) + biff(EOF)
    return head + b"".join(records) + biff(EOF) + substreams


def xls_bytes(*, sheets=(("Sheet1", WORKSHEET),), macros: bool = False, encrypted=False) -> bytes:
    streams = {"Workbook": workbook_stream(list(sheets), encrypted=encrypted)}
    if macros:
        streams.update({f"_VBA_PROJECT_CUR/{path}": data for path, data in VBA_PROJECT.items()})
    return cfb(streams, clsid=EXCEL_CLSID)


def ppt_bytes(*, encrypted: bool = False) -> bytes:
    """Current User (CurrentUserAtom) pointing at a UserEditAtom in PowerPoint Document."""
    user = b"CRM"
    token = 0xF3D1C4DF if encrypted else 0xE391C05F
    atom = struct.pack("<IIIHHBBH", 0x14, token, 0, len(user), 0x03F4, 3, 0, 0)
    atom += user + struct.pack("<I", 8) + user.decode().encode("utf-16-le")
    current_user = struct.pack("<HHI", 0, 0x0FF6, len(atom)) + atom
    edit = struct.pack("<IHBBIIIIHH", 256, 0, 0, 3, 0, 0, 1, 1, 1, 0)
    if encrypted:
        edit += struct.pack("<I", 2)
    document = struct.pack("<HHI", 0, 0x0FF5, len(edit)) + edit
    return cfb({"Current User": current_user, "PowerPoint Document": document})


# --- Office Open XML ------------------------------------------------------------------------

CT = "application/vnd.openxmlformats-officedocument"
MAIN = {
    "word": (f"{CT}.wordprocessingml.document.main+xml", "word/document.xml"),
    "xl": (f"{CT}.spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
    "ppt": (f"{CT}.presentationml.presentation.main+xml", "ppt/presentation.xml"),
}
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml_bytes(
    kind: str,
    *,
    parts: dict[str, tuple[str | None, bytes]] | None = None,
    defaults: dict[str, str] | None = None,
    relationships: list[tuple[str, str, str]] | None = None,
    main_type: str | None = None,
) -> bytes:
    """A Word ("word"), Excel ("xl") or PowerPoint ("ppt") package.

    ``parts``: {name: (content type for an Override, or None, data)};
    ``defaults``: extra {extension: content type}; ``relationships``: extra
    (type, target, target mode) of the main part.
    """
    content_type, main = MAIN[kind]
    overrides = {main: main_type or content_type}
    entries = {}
    for name, (part_type, data) in (parts or {}).items():
        if part_type:
            overrides[name] = part_type
        entries[name] = data
    declared = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
        "png": "image/png",
        **(defaults or {}),
    }
    types = "".join(
        f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in declared.items()
    ) + "".join(
        f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in overrides.items()
    )
    package_rels = (
        f'<Relationships xmlns="{RELS_NS}">'
        f'<Relationship Id="rId1" Type="{OFFICE_DOCUMENT}" Target="{main}"/></Relationships>'
    )
    main_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{rel_type}" Target="{target}" TargetMode="{mode}"/>'
        for i, (rel_type, target, mode) in enumerate(relationships or [], start=10)
    )
    folder, file_name = main.rsplit("/", 1)
    return zip_bytes(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                f"{types}</Types>"
            ).encode(),
            "_rels/.rels": package_rels.encode(),
            main: b'<?xml version="1.0"?><document/>',
            f"{folder}/_rels/{file_name}.rels": (
                f'<Relationships xmlns="{RELS_NS}">{main_rels}</Relationships>'
            ).encode(),
            f"{folder}/media/image1.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
            **entries,
        }
    )
