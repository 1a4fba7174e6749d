"""``esgtext serve`` as a real server on 127.0.0.1 with tiny random-weight models: LibreTranslate's
endpoints in LibreTranslate's shapes, esgtext's own endpoints, 200 concurrent requests, bad input.

The tiny models' translations are meaningless but deterministic, which is enough to check that
every answer belongs to its own request.
"""

from __future__ import annotations

import json
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'esgtext[serve]')")
pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install 'esgtext[serve]')")

from serve_helpers import Server  # noqa: E402

DELETED_FR = "Le rapport a t publi par la socit et lentreprise a reu une mdaille."


@pytest.fixture(scope="module")
def server(tiny_spm_model, tmp_path_factory):
    models = tmp_path_factory.mktemp("no-models")
    args = ["--model", f"fr-en={tiny_spm_model}", "--model", f"zh-en={tiny_spm_model}",
            "--char-limit", "2000", "--max-upload-bytes", "100000"]
    with Server(args, env={"ESGTEXT_MODELS_DIR": str(models)}) as s:
        yield s
    assert "Traceback" not in s.log


# -- LibreTranslate's contract ----------------------------------------------------------------------


def test_languages_in_libretranslate_shape(server):
    reply = server.get("/languages")
    assert reply.status == 200 and reply.headers["content-type"].startswith("application/json")
    langs = reply.json()
    assert {lang["code"] for lang in langs} == {"en", "fr", "zh"}
    for lang in langs:
        assert set(lang) == {"code", "name", "targets"} and isinstance(lang["name"], str)
        assert lang["targets"] == ["en"]


def test_translate_deleted_accent_french_is_detected_as_french(server):
    reply = server.post_json("/translate", {"q": DELETED_FR, "source": "auto", "target": "en"})
    assert reply.status == 200, reply.body
    body = reply.json()
    assert set(body) == {"translatedText", "detectedLanguage"}
    assert isinstance(body["translatedText"], str) and body["translatedText"]
    assert body["detectedLanguage"]["language"] == "fr"
    assert 50 <= body["detectedLanguage"]["confidence"] <= 100


def test_translate_form_encoded_list_and_explicit_source(server):
    form = server.post_form("/translate", {"q": DELETED_FR, "source": "fr", "target": "en"})
    assert form.status == 200 and isinstance(form.json()["translatedText"], str)
    assert "detectedLanguage" not in form.json()  # as LibreTranslate: only for source=auto
    many = server.post_json("/translate", {"q": [DELETED_FR, "公司的碳排放量下降了12%。", "The report is out."],
                                           "source": "auto", "target": "en"})
    assert many.status == 200
    body = many.json()
    assert isinstance(body["translatedText"], list) and len(body["translatedText"]) == 3
    assert body["translatedText"][2] == "The report is out."  # English is kept
    assert [d["language"] for d in body["detectedLanguage"]] == ["fr", "zh", "en"]


def test_translate_html_keeps_markup(server):
    reply = server.post_json("/translate", {"q": "<p class=\"x\">Le rapport a t publi.</p><br>",
                                            "source": "fr", "target": "en", "format": "html"})
    assert reply.status == 200
    out = reply.json()["translatedText"]
    assert out.startswith('<p class="x">') and out.endswith("</p><br>")


def test_detect_in_libretranslate_shape(server):
    reply = server.post_json("/detect", {"q": DELETED_FR})
    assert reply.status == 200
    guesses = reply.json()
    assert isinstance(guesses, list) and guesses[0]["language"] == "fr"
    assert all(set(g) == {"language", "confidence"} and 0 <= g["confidence"] <= 100 for g in guesses)
    assert server.post_form("/detect", {"q": "公司的碳排放量下降了。"}).json()[0]["language"] == "zh"


# -- esgtext's own endpoints ------------------------------------------------------------------------


def test_repair_returns_text_edits_and_language(server):
    reply = server.post_json("/repair", {"q": "La photo montre la mdaille du cas gagnant", "lang": "fr"})
    body = reply.json()
    assert reply.status == 200 and body["text"] == "La photo montre la médaille du cas gagnant"
    assert body["lang"] == "fr"
    edit = body["edits"][0]
    assert (edit["before"], edit["after"], edit["kind"]) == ("mdaille", "médaille", "deleted_accent")
    assert {"start", "end", "confidence", "reason"} <= set(edit)
    auto = server.post_json("/repair", {"q": "La photo montre la mdaille du cas gagnant"}).json()
    assert auto["lang"] == "fr" and auto["text"] == body["text"]


def test_repair_puts_french_typography_back_on_request(server):
    q = ("Les rsultats sont les suivants: 1200 salaris forms.\n"
         "Ces rsultats sont ceux de nos quipes, a dclar Hlne Roux, directrice gnrale.")
    plain = server.post_json("/repair", {"q": q, "lang": "fr"}).json()
    typeset = server.post_json("/repair", {"q": q, "lang": "fr", "typography": "french"}).json()
    assert "suivants:" in plain["text"] and "«" not in plain["text"]
    assert "suivants\u00a0: 1\u202f200 salariés" in typeset["text"]
    assert typeset["text"].splitlines()[1].startswith("«\u00a0Ces résultats")
    bad = server.post_json("/repair", {"q": q, "typography": "fancy"})
    assert bad.status == 400 and "typography" in bad.json()["error"]
    # by default ("auto"), a text that reads as a press release gets it back; "none" never
    release = "COMMUNIQU DE PRESSE\nNantes, le 2 mars 2026 " + q + "\nContact presse: Laure Roux"
    auto = server.post_json("/repair", {"q": release, "lang": "fr"}).json()
    none = server.post_json("/repair", {"q": release, "lang": "fr", "typography": "none"}).json()
    assert "suivants\u00a0: 1\u202f200 salariés" in auto["text"]
    assert "suivants: 1200 salariés" in none["text"] and "«" not in none["text"]


def test_process_text_and_file_and_downloads(server):
    text = DELETED_FR + "\n\nThe company published its report.\n"
    reply = server.post_json("/process", {"q": text, "doc": "release.txt"})
    assert reply.status == 200
    body = reply.json()
    assert body["translated"] is True and body["doc"] == "release.txt"
    statuses = [r["status"] for r in body["records"]]
    assert statuses == ["translated", "kept"]
    assert body["records"][0]["edits"] and body["records"][0]["source_raw"] == DELETED_FR

    upload = server.post_file("/process", "note.md", text.encode("cp1252"))
    assert upload.status == 200 and upload.json()["doc"] == "note.md"
    assert upload.json()["records"][0]["source"] == body["records"][0]["source"]

    jsonl = server.post_file("/process?format=jsonl", "note.txt", text.encode())
    assert jsonl.status == 200 and "attachment" in jsonl.headers["content-disposition"]
    lines = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [r["status"] for r in lines] == statuses
    tmx = server.post_json("/process?format=tmx", {"q": text})
    assert tmx.status == 200 and b"<tmx" in tmx.body
    moses = server.post_json("/process?format=moses", {"q": text, "doc": "r.txt"})
    names = zipfile.ZipFile(BytesIO(moses.body)).namelist()
    assert moses.status == 200 and names == ["r.txt.en", "r.txt.fr"]


def test_records_endpoint_renders_posted_records(server):
    records = server.post_json("/process", {"q": DELETED_FR, "doc": "a.txt"}).json()["records"]
    reply = server.post_form("/records", {"records": json.dumps(records), "format": "jsonl"})
    assert reply.status == 200 and json.loads(reply.text.splitlines()[0])["doc"] == "a.txt"


def test_openapi_docs_and_health(server):
    spec = server.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/translate", "/detect", "/languages", "/repair", "/process"} <= set(spec["paths"])
    docs = server.get("/docs")
    assert docs.status == 200 and "/translate" in docs.text and "http" not in docs.text.split("<body>")[0]
    health = server.get("/health").json()
    assert health["status"] == "ok" and set(health["models"]) == {"fr-en", "zh-en"}


# -- concurrency --------------------------------------------------------------------------------------


def _request_text(i: int) -> str:
    return f"Le rapport {i % 7} a t publi par la socit. The company said sales grew in year {i}."


def test_200_concurrent_requests_are_all_answered_and_not_mixed_up(server):
    # the French sentences repeat (7 kinds): their answers must equal the one-at-a-time answer; the
    # English sentence carries the request's own number and is kept as it is
    reference = {}
    for k in range(7):
        reply = server.post_json("/translate", {"q": _request_text(k), "source": "auto", "target": "en"})
        assert reply.status == 200
        reference[k] = reply.json()["translatedText"].rsplit(" The company", 1)[0]
    before = server.get("/health").json()["batching"]

    def one(i: int):
        started = time.monotonic()
        reply = server.post_json("/translate", {"q": _request_text(i), "source": "auto", "target": "en"},
                                 timeout=300)
        return i, reply, time.monotonic() - started

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(one, range(200)))
    wall = time.monotonic() - started
    assert len(results) == 200
    for i, reply, _ in results:
        assert reply.status == 200, (i, reply.body)
        body = reply.json()
        assert body["translatedText"].endswith(f" The company said sales grew in year {i}."), (i, body)
        assert body["translatedText"].rsplit(" The company", 1)[0] == reference[i % 7], i
        assert body["detectedLanguage"]["language"] == "fr"
    after = server.get("/health").json()["batching"]
    calls = after["engine_calls"] - before["engine_calls"]
    assert after["batches"] - before["batches"] < 200 and calls < 200  # they were batched
    latencies = sorted(t for _, _, t in results)
    print(f"\n200 concurrent /translate: wall {wall:.2f} s, p50 {latencies[100] * 1000:.0f} ms, "
          f"p99 {latencies[197] * 1000:.0f} ms, {calls} engine calls")


# -- bad input ------------------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("/translate", b'{"q": "Bonjour', "application/json", 400),  # invalid JSON
    ("/translate", b'["q"]', "application/json", 400),  # not an object
    ("/translate", b'{"q": 5}', "application/json", 400),  # wrong type
    ("/translate", b'{"q": ["a", 3]}', "application/json", 400),
    ("/translate", b'{"source": "fr"}', "application/json", 400),  # no q
    ("/translate", b'{"q": "Bonjour", "source": "de"}', "application/json", 400),  # unsupported language
    ("/translate", b'{"q": "Bonjour", "target": "fr"}', "application/json", 400),
    ("/translate", b'{"q": "Bonjour", "format": "pdf"}', "application/json", 400),
    ("/translate", json.dumps({"q": "a" * 2001}).encode(), "application/json", 413),  # over the limit
    ("/translate", b"", "application/json", 400),
    ("/translate", b"\xff\xfe\x00garbage", "application/json", 400),
    ("/detect", b'{"q": ["a", "b"]}', "application/json", 400),
    ("/repair", b'{"q": "x", "lang": "klingon"}', "application/json", 400),
    ("/process", b'{"q": ""}', "application/json", 400),
    ("/process?format=docx", b'{"q": "x"}', "application/json", 400),
    ("/records", b'{"records": [{"doc": 1}]}', "application/json", 400),
    ("/review/segment", b'{"record": {"doc": "a"}, "reject": [0]}', "application/json", 400),
    ("/translate", b"--x\r\nbroken", "multipart/form-data; boundary=x", 400),
    ("/nowhere", b"{}", "application/json", 404),
]


@pytest.mark.parametrize("path,body,ctype,status", BAD_REQUESTS,
                         ids=[f"{p}-{i}" for i, (p, *_rest) in enumerate(BAD_REQUESTS)])
def test_bad_input_is_a_4xx_json_error_and_the_server_goes_on(server, path, body, ctype, status):
    reply = server.request("POST", path, body, {"Content-Type": ctype})
    assert reply.status == status, reply.body
    error = reply.json()["error"]
    assert isinstance(error, str) and error and "\n" not in error and "Traceback" not in error
    assert server.post_json("/detect", {"q": "Bonjour à tous"}).status == 200


def test_uploads_of_the_wrong_kind_or_size(server):
    assert server.post_file("/process", "x.xlsx", b"PK\x03\x04").status == 415
    damaged = server.post_file("/process", "x.pdf", b"%PDF-1.4")
    assert damaged.status == 422 and "not a readable PDF" in damaged.json()["error"]
    binary = server.post_file("/process", "x.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert binary.status == 422 and "binary" in binary.json()["error"]
    big = server.post_file("/process", "x.txt", b"a" * 200_000)
    assert big.status == 413 and "limit" in big.json()["error"]
    assert server.get("/languages").status == 200


def test_review_page_loads_nothing_from_the_network(server):
    page = server.get("/")
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert "<textarea" in page.text and 'type="file"' in page.text
    assert "http://" not in page.text and "https://" not in page.text
    assert server.get("/static/review.js").status == 200
    assert server.get("/static/other.js").status == 404


def test_review_form_works_without_script(server):
    import html
    import re

    page = server.post_form("/review", {"q": DELETED_FR})
    assert page.status == 200 and 'class="edit conf-' in page.text and "Reject this edit" in page.text
    value = re.search(r'<input type="hidden" name="records" value="([^"]*)">', page.text).group(1)
    records = json.loads(html.unescape(value))
    assert records and records[0]["source_raw"] == DELETED_FR
    download = server.post_form("/records", {"records": html.unescape(value), "format": "jsonl"})
    assert download.status == 200 and json.loads(download.text.splitlines()[0])["source"] == records[0]["source"]
    empty = server.post_form("/review", {"q": ""})
    assert empty.status == 400 and 'role="alert"' in empty.text  # the form again, with the reason


def test_pdf_and_word_uploads_give_records_and_a_scan_one_line(server):
    from test_documents import FR_PAGE_2, scanned_pdf, text_pdf, word_docx

    pdf = server.post_file("/process", "release.pdf", text_pdf(FR_PAGE_2))
    assert pdf.status == 200, pdf.body
    assert [r["source"] for r in pdf.json()["records"]] == [FR_PAGE_2] and pdf.json()["extraction"] == "pypdf"
    word = server.post_file("/process", "release.docx", word_docx())
    assert word.status == 200 and word.json()["records"][0]["source"] == "Communiqué de presse"
    scan = server.post_file("/process", "scan.pdf", scanned_pdf())
    assert scan.status == 422 and "no text layer" in scan.json()["error"] and "\n" not in scan.json()["error"]
