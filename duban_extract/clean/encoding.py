"""Byte decoding (编码识别): UTF-8 first, then the Chinese legacy encodings.

charset-normalizer arbitrates when neither UTF-8 nor a strict legacy decode
is clean. GB18030 is tried before Big5 because it is a superset of GBK and
most mainland documents use it; Big5 wins only when GB18030 fails or when the
result reads as traditional text.
"""

from __future__ import annotations

from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_COMMON_SIMPLIFIED = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
)
_COMMON_TRADITIONAL = set(
    "們個這來國說過會時對發動學經還與後實點關從開問產現種應當義資長電據無區臺灣辦項際門見頭邊興覽萬億"
)


def _score(text: str) -> float:
    if not text:
        return 0.0
    simp = sum(1 for ch in text if ch in _COMMON_SIMPLIFIED)
    trad = sum(1 for ch in text if ch in _COMMON_TRADITIONAL)
    return (simp + trad) / len(text)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text; raise ``DecodeError`` when no encoding fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, name)
            if text is not None:
                return Decoded(text, name)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    candidates = [(name, t) for name in ("gb18030", "big5") if (t := _strict(data, name)) is not None]
    if candidates:
        name, best = max(candidates, key=lambda c: _score(c[1]))
        return Decoded(best, name)
    import charset_normalizer

    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        raise DecodeError("no text encoding fits these bytes")
    return Decoded(str(guess), str(guess.encoding))
