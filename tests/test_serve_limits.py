"""``esgtext serve`` without a model, with an API key, and with a tiny queue (503 + Retry-After)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'esgtext[serve]')")
pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install 'esgtext[serve]')")

from serve_helpers import Server  # noqa: E402

DELETED_FR = "Le rapport a t publi par la socit et lentreprise a reu une mdaille."


@pytest.fixture(scope="module")
def no_model_server(tmp_path_factory):
    env = {"ESGTEXT_MODELS_DIR": str(tmp_path_factory.mktemp("no-models")), "ESGTEXT_API_KEY": "s3cret"}
    with Server([], env=env) as s:
        yield s
    assert "Traceback" not in s.log


KEY = {"Authorization": "Bearer s3cret"}


def test_without_a_model_translate_is_a_clear_json_error(no_model_server):
    s = no_model_server
    assert "no model for fr-en" in s.log  # said at start
    reply = s.post_json("/translate", {"q": DELETED_FR, "source": "auto", "target": "en"}, KEY)
    assert reply.status == 400
    assert "no translation model for fr-en" in reply.json()["error"]
    assert [lang["targets"] for lang in s.get("/languages").json() if lang["code"] != "en"] == [[], []]
    english = s.post_json("/translate", {"q": "The report is out.", "source": "auto"}, KEY)
    assert english.status == 200 and english.json()["translatedText"] == "The report is out."


def test_without_a_model_process_says_records_are_untranslated(no_model_server):
    body = no_model_server.post_json("/process", {"q": DELETED_FR}, KEY).json()
    assert body["translated"] is False and "untranslated" in body["warning"]
    assert [r["status"] for r in body["records"]] == ["untranslated"]
    assert body["records"][0]["source"] != DELETED_FR  # repaired all the same
    page = no_model_server.get("/").text
    assert 'id="no-model"' in page and "repair and languages only" in page


def test_api_key_is_required_on_every_post(no_model_server):
    s = no_model_server
    for path, data in [("/translate", {"q": "Hello"}), ("/detect", {"q": "Bonjour"}),
                       ("/repair", {"q": "mdaille"}), ("/process", {"q": "x"})]:
        reply = s.post_json(path, data)
        assert reply.status == 401, path
        assert "API key" in reply.json()["error"] and reply.headers.get("www-authenticate") == "Bearer"
        assert s.post_json(path, data, {"Authorization": "Bearer wrong"}).status == 401
    assert s.post_json("/detect", {"q": "Bonjour"}, KEY).status == 200
    # LibreTranslate clients send the key in the body
    assert s.post_json("/detect", {"q": "Bonjour", "api_key": "s3cret"}).status == 200
    assert s.post_form("/detect", {"q": "Bonjour", "api_key": "s3cret"}).status == 200
    assert s.get("/languages").status == 200  # reading what the server offers needs no key
    review = s.request("POST", "/review", b"q=Bonjour", {"Content-Type": "application/x-www-form-urlencoded"})
    assert review.status == 401 and "API key" in review.text


def test_a_full_queue_answers_503_with_retry_after_and_nothing_hangs(tiny_spm_model, tmp_path):
    cache = tmp_path / "out" / ".esgtext" / "translations.sqlite"  # where `esgtext translate` keeps it
    args = ["--model", f"fr-en={tiny_spm_model}", "--max-queue", "1", "--max-batch", "1",
            "--batch-wait-ms", "0", "--cache", str(cache)]
    with Server(args, env={"ESGTEXT_MODELS_DIR": str(tmp_path)}) as s:
        assert s.post_json("/translate", {"q": DELETED_FR}).status == 200  # model loaded

        def one(i):
            return s.post_json("/translate", {"q": f"{DELETED_FR} Il y a {i} sites."}, timeout=120)

        with ThreadPoolExecutor(max_workers=40) as pool:
            replies = list(pool.map(one, range(40)))
        codes = sorted({r.status for r in replies})
        assert set(codes) <= {200, 503} and 503 in codes and 200 in codes, codes
        for r in replies:
            if r.status == 503:
                assert r.headers["retry-after"].isdigit() and "busy" in r.json()["error"]
        assert s.post_json("/translate", {"q": DELETED_FR}).status == 200
        assert json.loads(s.get("/health").body)["batching"]["refused"] > 0
    from esgtext.translate import TranslationCache

    with TranslationCache(cache) as tm:  # the translations went to the shared cache
        assert len(tm) >= 2
