from __future__ import annotations

from datetime import datetime

from duban_extract.clean import clean_document, normalise_for_match
from duban_extract.clean.pinyin import strip_pinyin
from duban_extract.clean.punct import normalise_punctuation
from duban_extract.clean.t2s import to_simplified

PAGE = "\n".join(
    [
        "当前位置: 首页>新闻中心> 正文",
        "青禾镇召开秋季防汛工作部署会",
        "2021-09-08 10:20:05 来源: 青禾融媒 责任编辑: 马晓东",
        "分享:",
        "本报讯(记者 周若溪)9月7日下午,青禾镇召开秋季防汛工作部署会,镇党委书记郑卫东主持会议并讲话。",
        "会议要求,各村要在9月15日前完成3处河道清淤,确保安全度汛。",
        "免责声明",
        "1、凡本网注明来源的作品,版权均属本网所有,未经授权不得转载。",
        "相关阅读",
        "更多>>要闻",
        "青ICP备00000000号",
        "地址:青禾镇人民路1号 邮政编码:000000",
        "联系电话:0000-1234567",
        "青禾镇人民政府 版权所有",
    ]
)


def test_boilerplate_page_keeps_only_the_article() -> None:
    # when
    doc = clean_document(PAGE)
    # then
    for furniture in (
        "当前位置",
        "分享:",
        "免责声明",
        "凡本网",
        "相关阅读",
        "更多>>",
        "ICP备",
        "邮政编码",
        "0000-1234567",
        "版权所有",
        "责任编辑",
    ):
        assert furniture not in doc.body, furniture
    assert "各村要在9月15日前完成3处河道清淤" in doc.body
    assert doc.title == "青禾镇召开秋季防汛工作部署会"
    assert doc.published == datetime(2021, 9, 8, 10, 20, 5)  # noqa: DTZ001
    assert doc.source == "青禾融媒"
    assert all(d.reason for d in doc.dropped)


def test_byline_moves_to_authors() -> None:
    doc = clean_document(
        "东滩新区完成年度绿化任务\n"
        "东滩新区今年新增绿地120公顷,完成全年任务,居民满意度明显提升。\n"
        "□滨海日报记者 韩晓雪"
    )
    assert doc.authors == ("韩晓雪",)
    assert doc.credits[0].title == "滨海日报记者"
    assert "韩晓雪" not in doc.body


def test_pinyin_annotations_are_removed() -> None:
    text, removed = strip_pinyin("經(jīng)濟(jì)開(kāi)發(fā)區(qū)")
    assert text == "經濟開發區"
    assert len(removed) == 5


def test_plain_latin_in_brackets_is_kept() -> None:
    assert strip_pinyin("地区生产总值(GDP)")[0] == "地区生产总值(GDP)"


def test_traditional_becomes_simplified() -> None:
    assert to_simplified("臺灣農業項目與發展規劃") == "台湾农业项目与发展规划"


def test_width_and_punctuation_are_normalised() -> None:
    assert normalise_punctuation("２０２１年，完成ＡＢＣ（一）") == "2021年,完成ABC(一)"


def test_normalised_form_drops_punctuation_and_pinyin() -> None:
    assert normalise_for_match("區(qū)域,發展 “計劃”") == "区域发展计划"


def test_teaser_and_duplicate_title_are_dropped() -> None:
    title = "河川县农业农村局 河川县财政局 关于印发河川县高标准农田建设方案的通知"
    doc = clean_document(
        "\n".join(
            [
                title,
                title + " 各乡镇人民政府(管…",
                title,
                "各乡镇人民政府:现将方案印发给你们,请认真贯彻落实,按时报送进展情况。",
            ]
        )
    )
    assert "(管…" not in doc.body
    assert doc.source == "河川县农业农村局、河川县财政局"


def test_a_long_first_sentence_is_body_not_the_title() -> None:
    # given: a page that opens with a sentence (commas, a full stop inside), then a heading
    text = (
        "记者今日从区统计局获悉,全区上半年经济运行总体平稳。其中工业增加值增长较快。\n"
        "一、主要指标\n上半年,全区完成投资5亿元。"
    )
    # when
    cleaned = clean_document(text)
    # then: the sentence stays in the body and the heading is not taken for the title
    assert cleaned.title == ""
    assert cleaned.body.startswith("记者今日从区统计局获悉")
    assert "一、主要指标" in cleaned.body


def test_a_short_line_without_sentence_punctuation_is_the_title() -> None:
    cleaned = clean_document("城东区召开重点项目推进会\n会议要求,各单位要加快项目建设,确保年底前全部开工。")
    assert cleaned.title == "城东区召开重点项目推进会"


def test_the_signature_date_stays_in_the_body_and_dates_the_document() -> None:
    # given: a notice signed by its issuer with a date line (落款)
    text = (
        "关于开展安全生产检查的通知\n各街道:\n请于本月底前完成自查,并报送检查情况。\n"
        "城东区人民政府办公室\n2023年3月13日"
    )
    # when
    cleaned = clean_document(text)
    # then
    assert cleaned.body.endswith("城东区人民政府办公室\n2023年3月13日")
    assert cleaned.published == datetime(2023, 3, 13)  # noqa: DTZ001 - a date read from the page
