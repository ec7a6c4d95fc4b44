"""PDF evidence is rewritten on the way in: the pages kept, and nothing that could run, hide a file or name its
author; a file that is not a readable PDF with pages, or that needs a password, is refused next to the upload."""

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, TextStringObject
from sqlalchemy import select

from reporting import messages
from reporting.extensions import db as _db
from reporting.intake.evidence import read as read_evidence
from reporting.models import EvidenceFile, Report
from tests.support import factories
from tests.support.html import error_summary, parse_page, text_of
from tests.support.intake import start_draft

AUTHOR = "Jane Example-Author"
FAKE_PDF = b"%PDF-1.7\n%EOF"  # 13 bytes: the right start, and nothing of a PDF after it


@pytest.fixture
def reference(client, client_request):
    client_request.login_as("volunteer", factories.centre())
    return start_draft(client)


def _name(value: str) -> NameObject:
    return NameObject(value)


def _javascript(code: str) -> DictionaryObject:
    return DictionaryObject({_name("/S"): _name("/JavaScript"), _name("/JS"): TextStringObject(code)})


def _rectangle(*corners: float) -> ArrayObject:
    return ArrayObject(FloatObject(corner) for corner in corners)


def _page_with_text(writer: PdfWriter, text: str):
    page = writer.add_blank_page(300, 200)
    font = DictionaryObject({_name("/Type"): _name("/Font"), _name("/Subtype"): _name("/Type1"),
                             _name("/BaseFont"): _name("/Helvetica")})  # fmt: skip
    page[_name("/Resources")] = DictionaryObject(
        {_name("/Font"): DictionaryObject({_name("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
    page[_name("/Contents")] = writer._add_object(content)
    return page


def _add_form_field(writer: PdfWriter, page) -> None:
    field = writer._add_object(DictionaryObject({
        _name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/Widget"), _name("/FT"): _name("/Tx"),
        _name("/T"): TextStringObject("victim_name"), _name("/V"): TextStringObject("Field Value Person"),
        _name("/Rect"): _rectangle(20, 20, 200, 40),
        _name("/AA"): DictionaryObject({_name("/K"): _javascript("app.alert('keystroke')")}),
    }))  # fmt: skip
    page[_name("/Annots")] = ArrayObject([field])
    writer._root_object[_name("/AcroForm")] = DictionaryObject({_name("/Fields"): ArrayObject([field])})


def _add_xmp(writer: PdfWriter) -> None:
    xmp = DecodedStreamObject()
    xmp.set_data(f"<x:xmpmeta><dc:creator>{AUTHOR}</dc:creator></x:xmpmeta>".encode())
    xmp.update({_name("/Type"): _name("/Metadata"), _name("/Subtype"): _name("/XML")})
    writer._root_object[_name("/Metadata")] = writer._add_object(xmp)


def risky_pdf(pages: int = 3) -> bytes:
    """A PDF as a hostile or careless sender makes it: an author, XMP, scripts on opening, on a page, in a link and
    in a form field, a JavaScript name tree, an embedded file and a form."""
    writer = PdfWriter()
    for number in range(1, pages + 1):
        _page_with_text(writer, f"Witness statement page {number}")
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Statement"})
    _add_xmp(writer)
    writer.add_attachment("hidden.txt", b"an embedded file's secret contents")
    writer._root_object["/Names"][_name("/JavaScript")] = DictionaryObject(
        {_name("/Names"): ArrayObject([TextStringObject("opener"), writer._add_object(_javascript("named()"))])}
    )
    writer._root_object[_name("/OpenAction")] = _javascript("app.launchURL('https://example.org/tracker')")
    first = writer.pages[0]
    _add_form_field(writer, first)
    first[_name("/AA")] = DictionaryObject({_name("/O"): _javascript("page_opened()")})
    link = DictionaryObject({_name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/Link"),
                             _name("/Rect"): _rectangle(20, 150, 200, 170),
                             _name("/A"): _javascript("link()")})  # fmt: skip
    first[_name("/Annots")].append(writer._add_object(link))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(client_request, reference, *files, status=302):
    """Upload `files` on the evidence step: 302 on to the next step, or 200 with the page and its message."""
    data = {"action": "upload", "files": [(io.BytesIO(content), name) for name, content in files]}
    return client_request.post_response("intake.step", reference=reference, slug="evidence", _data=data,
                                        _content_type="multipart/form-data", _expected_status=status)  # fmt: skip


def stored_files(reference) -> list[EvidenceFile]:
    _db.session.expire_all()
    return list(_db.session.scalar(select(Report).where(Report.reference == reference)).evidence_files)


def test_a_risky_pdf_is_stored_with_its_pages_and_without_metadata_scripts_attachments_or_forms(
    client_request, reference, evidence_dir
):
    original = risky_pdf()
    before = PdfReader(io.BytesIO(original))
    assert before.metadata.author == AUTHOR and before.attachments and before.get_fields()
    assert b"/JavaScript" in original and b"/OpenAction" in original
    upload(client_request, reference, ("statement.pdf", original))
    [stored] = stored_files(reference)
    kept = read_evidence(evidence_dir, stored.stored_name)  # decrypted, as the download gives it
    reader = PdfReader(io.BytesIO(kept))
    assert len(reader.pages) == len(before.pages) == 3
    assert [page.extract_text() for page in reader.pages] == [f"Witness statement page {n}" for n in (1, 2, 3)]
    root = reader.trailer["/Root"]
    assert not {"/OpenAction", "/AA", "/Names", "/AcroForm", "/Metadata"} & set(root)
    assert (reader.metadata or {}).get("/Author") is None and reader.attachments == {} and reader.get_fields() is None
    for page in reader.pages:
        assert "/AA" not in page
        subtypes = [annotation.get_object()["/Subtype"] for annotation in page.get("/Annots", [])]
        assert "/Widget" not in subtypes and "/FileAttachment" not in subtypes
        assert all("/A" not in annotation.get_object() for annotation in page.get("/Annots", []))
    for leftover in (b"JavaScript", b"/JS", AUTHOR.encode(), b"secret contents", b"tracker", b"Field Value Person"):
        assert leftover not in kept
    assert stored.content_type == "application/pdf" and stored.size_bytes == len(kept)


def test_a_fake_pdf_is_refused_next_to_the_upload_and_the_files_already_added_are_kept(client_request, reference):
    assert len(FAKE_PDF) == 13
    upload(client_request, reference, ("letter.pdf", risky_pdf(pages=1)))
    page = parse_page(upload(client_request, reference, (".pdf", FAKE_PDF), status=200))
    assert error_summary(page) == [str(messages.EVIDENCE_PDF_UNREADABLE) % {"name": "pdf"}]
    assert page.select_one(".govuk-error-summary__list a")["href"] == "#files"
    assert "letter.pdf" in text_of(page, "main"), "the file added before is still listed"
    assert [stored.original_name for stored in stored_files(reference)] == ["letter.pdf"]


NO_PAGES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize("content", [FAKE_PDF, b"%PDF-1.4\n" + b"\x00garbage" * 500, NO_PAGES])
def test_a_file_that_is_not_a_readable_pdf_with_pages_is_refused(client_request, reference, content):
    response = upload(client_request, reference, ("scan.pdf", content), status=200)
    assert error_summary(parse_page(response)) == [str(messages.EVIDENCE_PDF_UNREADABLE) % {"name": "scan.pdf"}]
    assert stored_files(reference) == []


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(risky_pdf(pages=2)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_that_needs_a_password_is_refused(client_request, reference):
    response = upload(client_request, reference, ("locked.pdf", _encrypted("open-sesame")), status=200)
    assert error_summary(parse_page(response)) == [str(messages.EVIDENCE_PDF_ENCRYPTED) % {"name": "locked.pdf"}]
    assert stored_files(reference) == []


def test_a_pdf_locked_only_against_changes_is_opened_cleaned_and_stored_without_its_lock(client_request, reference,
                                                                                         evidence_dir):  # fmt: skip
    upload(client_request, reference, ("bank-letter.pdf", _encrypted("")))
    [stored] = stored_files(reference)
    reader = PdfReader(io.BytesIO(read_evidence(evidence_dir, stored.stored_name)))
    assert not reader.is_encrypted and len(reader.pages) == 2 and reader.get_fields() is None


def _with_link_actions(actions: list[DictionaryObject]) -> bytes:
    writer = PdfWriter()
    page = _page_with_text(writer, "Links")
    page[_name("/Annots")] = ArrayObject(
        writer._add_object(DictionaryObject({_name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/Link"),
                                             _name("/Rect"): _rectangle(0, 0, 10, 10), _name("/A"): action}))
        for action in actions
    )  # fmt: skip
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _action(kind: str, **entries: str) -> DictionaryObject:
    action = DictionaryObject({_name("/S"): _name(kind)})
    action.update({_name(f"/{key}"): TextStringObject(value) for key, value in entries.items()})
    return action


def test_links_keep_web_and_email_targets_and_lose_scripts_programs_and_other_schemes():
    from reporting.intake.pdf_cleaning import rewrite

    web = _action("/URI", URI="https://www.example.org/report")
    web[_name("/Next")] = _javascript("after_the_link()")
    actions = [web, _action("/URI", URI="mailto:help@example.org"), _action("/URI", URI="javascript:steal()"),
               _action("/URI", URI="file:///etc/passwd"), _action("/Launch", F="calc.exe"),
               _action("/SubmitForm", F="https://example.org/collect"), _javascript("direct()")]  # fmt: skip
    reader = PdfReader(io.BytesIO(rewrite(_with_link_actions(actions))))
    kept = [annotation.get_object().get("/A") for annotation in reader.pages[0]["/Annots"]]
    assert [action["/URI"] if action else None for action in kept] == [
        "https://www.example.org/report", "mailto:help@example.org", None, None, None, None, None,
    ]  # fmt: skip
    assert "/Next" not in kept[0]
