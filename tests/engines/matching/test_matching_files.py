import json

import pytest

from jumelage.engines.matching import QueryError, recommend_file


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_recommend_file_writes_one_line_per_query_in_input_order(index, tmp_path):
    queries = write_lines(
        tmp_path / "q.jsonl",
        [
            json.dumps({"id": "q2", "text": "Ищем адаптивную оптику", "partners": ["fr:lam"]}),
            "",
            json.dumps(
                {
                    "id": "q1",
                    "text": "segment sol pour l'observation de la Terre",
                    "lang": "fr",
                    "filters": {"country": ["RU"], "kind": ["research_lab", "university"]},
                    "exclude": ["ru:vaccine"],
                },
                ensure_ascii=False,
            ),
        ],
    )
    count = recommend_file(queries, tmp_path / "out" / "r.jsonl", 5, index)
    lines = [json.loads(line) for line in (tmp_path / "out" / "r.jsonl").read_text().splitlines()]
    assert count == 2
    assert [line["id"] for line in lines] == ["q2", "q1"]
    assert lines[1]["results"][0]["org"] == "ru:iki"
    assert {r["org"] for r in lines[0]["results"]}.isdisjoint({"fr:lam"})
    for line in lines:
        scores = [(-r["score"], r["org"]) for r in line["results"]]
        assert scores == sorted(scores) and len(scores) <= 5
        for result in line["results"]:
            assert result["reasons"] and {"kind", "code", "params", "text"} <= set(
                result["reasons"][0]
            )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r.jsonl"]


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ("{not json", "(line)", "invalid JSON"),
        ('["a list"]', "(line)", "expected a JSON object"),
        ('{"text": "optique"}', "id", "required"),
        ('{"id": "q", "text": "  "}', "text", "required"),
        ('{"id": "q", "text": "optique", "lang": "de"}', "lang", "expected fr, en or ru"),
        ('{"id": "q", "text": "optique", "partners": "fr:lam"}', None, None),
        ('{"id": "q", "text": "optique", "partners": [1]}', "partners", "list of non-empty"),
        ('{"id": "q", "text": "optique", "filters": []}', "filters", "expected an object"),
        (
            '{"id": "q", "text": "optique", "filters": {"city": ["Nice"]}}',
            "filters.city",
            "unknown",
        ),
        ('{"id": "q", "text": "optique", "filters": {"country": [""]}}', "filters.country", "list"),
        ('{"id": "q", "text": "optique", "exclude": {"a": 1}}', "exclude", "list"),
        ('{"id": "q", "text": "optique", "direction": "sell"}', "direction", "expected one of"),
    ],
)
def test_bad_query_raises_query_error_naming_file_line_and_field(
    index, tmp_path, line, field, message
):
    queries = write_lines(tmp_path / "q.jsonl", ['{"id": "ok", "text": "optique"}', "", line])
    out = tmp_path / "r.jsonl"
    if field is None:
        assert recommend_file(queries, out, 3, index) == 2
        return
    with pytest.raises(QueryError) as caught:
        recommend_file(queries, out, 3, index)
    error = caught.value
    assert (error.file, error.line, error.field) == (str(queries), 3, field)
    assert message in str(error)
    assert str(queries) in str(error) and "line 3" in str(error)
    assert not out.exists()


def test_duplicate_query_ids_are_an_error(index, tmp_path):
    queries = write_lines(
        tmp_path / "q.jsonl", ['{"id": "a", "text": "x y"}', '{"id": "a", "text": "z"}']
    )
    with pytest.raises(QueryError, match="duplicate"):
        recommend_file(queries, tmp_path / "r.jsonl", 3, index)


def test_query_error_is_a_value_error():
    error = QueryError("q.jsonl", 4, "text", "required")
    assert isinstance(error, ValueError)
    assert str(error) == "q.jsonl, line 4, field 'text': required"
