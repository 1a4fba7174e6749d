"""Decoding bytes: BOMs, UTF-16 without BOM, broken UTF-8, cp1252 vs GB18030, binary input."""

from __future__ import annotations

import codecs
import random

import pytest

from esgtext.repair.decode import UndecodableInput, decode_bytes

FRENCH = (
    "Communiqué de presse — la coopérative a réduit de 45 % l’usage des produits phytosanitaires "
    "et planté 18 kilomètres de haies. « Nos vignerons ont prouvé qu’on peut concilier qualité et "
    "respect des sols », se réjouit sa présidente.\n"
)
CHINESE = "2025年4月18日，江苏常州——联合电池股份有限公司今日发布《2024年度环境、社会及治理报告》，碳排放强度同比下降17.6%。\n"
TRADITIONAL = "聯合電池今日發布二零二四年度環境、社會及治理報告，碳排放強度同比下降百分之十七點六，可再生能源電力使用比例提升至百分之五十二。"


def test_empty_input_is_empty_text():
    decoded = decode_bytes(b"")
    assert decoded.text == "" and decoded.warnings == ()


@pytest.mark.parametrize("text", [FRENCH, CHINESE, "plain ascii\n"])
def test_utf8(text):
    decoded = decode_bytes(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, "utf-8", ())


@pytest.mark.parametrize(
    "bom, codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
@pytest.mark.parametrize("text", [FRENCH, CHINESE])
def test_byte_order_marks_are_honoured_and_removed(bom, codec, text):
    decoded = decode_bytes(bom + text.encode(codec))
    assert decoded.text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [FRENCH, CHINESE, "Net zero by 2050.\r\n"])
def test_utf16_without_bom(codec, text):
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


@pytest.mark.parametrize(
    "text",
    [FRENCH, "Côte", "été", "Énergies", "l’été à Noël", "Communiqué de presse", "prêt vert : 5,6 M€"],
)
def test_cp1252_french_even_when_short(text):
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


@pytest.mark.parametrize("text", [CHINESE, "碳中和目标", "公司今", "绿色工厂。", "“双碳”目标"])
def test_gb18030_chinese_even_when_short(text):
    decoded = decode_bytes(text.encode("gb18030"))
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_big5_traditional_chinese():
    decoded = decode_bytes(TRADITIONAL.encode("big5"))
    assert decoded.text == TRADITIONAL


def test_cp1252_undefined_bytes_fall_back_to_latin1_without_error():
    decoded = decode_bytes("café ".encode("cp1252") + b"\x81")
    assert decoded.text.startswith("café ")


def test_broken_utf8_keeps_the_readable_text_and_warns():
    data = FRENCH.encode("utf-8")
    broken = data[:20] + b"\xff\xfe" + data[20:]
    decoded = decode_bytes(broken)
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd", "") == FRENCH
    assert decoded.undecodable_bytes == 2
    assert decoded.warnings == ("replaced 2 undecodable byte(s) with U+FFFD (first at byte 20)",)


def test_truncated_utf8_sequence_at_the_end():
    decoded = decode_bytes(FRENCH.encode("utf-8") + "é".encode("utf-8")[:1])
    assert decoded.text == FRENCH + "\ufffd" and decoded.undecodable_bytes == 1


def test_forced_encoding():
    assert decode_bytes("été".encode("latin-1"), encoding="latin-1").text == "été"
    with pytest.raises(UndecodableInput, match="unknown encoding"):
        decode_bytes(b"abc", encoding="no-such-codec")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40))


@pytest.mark.parametrize(
    "data, reason",
    [
        (PNG, "PNG image"),
        (ZIP, "zip archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x7fELF\x02\x01\x01" + bytes(64), "executable"),
        (b"hello\x00world, this is not text", "NUL bytes"),
        (random.Random(7).randbytes(4096), "binary file"),
        (b"text\x01\x02\x03\x04\x05 with control bytes\x06\x07", "control bytes"),
    ],
)
def test_binary_input_is_refused_with_a_one_line_reason(data, reason):
    with pytest.raises(UndecodableInput) as info:
        decode_bytes(data)
    message = str(info.value)
    assert reason in message and "\n" not in message


def test_terminal_escapes_are_text_not_binary():
    decoded = decode_bytes(b"\x1b[31mNet zero\x1b[0m by 2050\n")
    assert decoded.text.startswith("\x1b[31m")
