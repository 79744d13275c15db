"""The pipeline (pipeline.py): what it adds on top of the finders."""

from __future__ import annotations

from datetime import date

from duban_extract.clean import clean_document
from duban_extract.pipeline import extract_document


def test_a_measure_repeated_word_for_word_is_one_task() -> None:
    # given: a lead sentence that the body repeats
    text = (
        "城东区召开整改推进会\n"
        "区委要求,年底前完成老旧小区改造30个。\n"
        "会议强调,各部门要各司其职。区委要求,年底前完成老旧小区改造30个。"
    )
    # when
    tasks = extract_document(clean_document(text), ref_date=date(2023, 3, 1)).tasks
    # then
    texts = [t.text for t in tasks if "老旧小区改造" in t.text]
    assert len(texts) == 1, [t.text for t in tasks]
