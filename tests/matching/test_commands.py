"""`jumelage recommend` as INTERFACES §3 says, and `jumelage build-index`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from jumelage.matching.models import IndexBuild

FRENCH_NEED = "Partenaire pour le segment sol et l'observation de la Terre par petits satellites."


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_build_index_reports_what_it_read(ecosystem, data_dir):
    out, _err = run("build_index", "--quiet")
    assert out.strip() == (
        f"Index built in {data_dir / 'index' / 'matching'}: 5 organisations, 1 projects, 0 profiles."
    )
    assert IndexBuild.objects.get().organisations == 5


def test_recommend_writes_one_line_per_query_in_input_order(built, tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        "\n".join(
            json.dumps(q, ensure_ascii=False)
            for q in [
                {"id": "q1", "text": FRENCH_NEED, "lang": "fr"},
                {"id": "q2", "text": "лидары для астрономии", "exclude": ["fr:optics"]},
                {"id": "q3", "text": FRENCH_NEED, "filters": {"country": ["FR"]}},
                {"id": "q4", "text": "лидары для астрономии", "partners": ["fr:optics"]},
            ]
        )
        + "\n\n",
        encoding="utf-8",
    )
    out_path = tmp_path / "r.jsonl"
    run("recommend", "--queries", str(queries), "--top", "2", "--out", str(out_path), "--quiet")
    lines = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2", "q3", "q4"]
    first = lines[0]["results"][0]
    assert first["org"] == "ru:lab"
    assert set(first) >= {"org", "score", "reasons"}
    assert first["reasons"][0]["kind"] == "topic"
    assert first["reasons"][0]["text"] == "shares: ground segment, Earth observation"
    assert len(lines[0]["results"]) <= 2
    scores = [r["score"] for r in lines[0]["results"]]
    assert scores == sorted(scores, reverse=True)
    assert "fr:optics" not in [r["org"] for r in lines[1]["results"]]
    assert {r["org"] for r in lines[2]["results"]} <= {"fr:optics", "fr:bio", "fr:spacedata"}
    assert "fr:optics" not in [r["org"] for r in lines[3]["results"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "points communs\u00a0: segment sol, observation de la Terre"),
        ("ru", "общее: наземный сегмент, дистанционное зондирование Земли"),
    ],
)
def test_recommend_words_the_reasons_in_the_language_asked(built, tmp_path, lang, text):
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "q1", "text": FRENCH_NEED}) + "\n", encoding="utf-8")
    out_path = tmp_path / "r.jsonl"

    run("recommend", "--queries", str(queries), "--out", str(out_path), "--lang", lang, "--quiet")

    first = json.loads(out_path.read_text(encoding="utf-8"))["results"][0]
    assert (first["org"], first["reasons"][0]["code"]) == ("ru:lab", "shares_concepts")
    assert first["reasons"][0]["text"] == text


def test_a_bad_query_line_exits_2_naming_file_line_and_field_and_writes_nothing(built, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    queries = files / "q.jsonl"
    queries.write_text(
        '{"id": "q1", "text": "lidar"}\n\n{"id": "q2", "text": "lidar", "lang": "de"}\n',
        encoding="utf-8",
    )
    out_path = files / "r.jsonl"
    with pytest.raises(CommandError) as error:
        run("recommend", "--queries", str(queries), "--top", "3", "--out", str(out_path))
    assert error.value.returncode == 2
    assert str(error.value) == f"{queries}, line 3, field “lang”: expected fr, en or ru, got 'de'"
    assert not out_path.exists()
    assert list(files.iterdir()) == [queries]


def test_a_missing_query_file_exits_2(built, tmp_path):
    with pytest.raises(CommandError) as error:
        run(
            "recommend",
            "--queries",
            str(tmp_path / "none.jsonl"),
            "--top",
            "3",
            "--out",
            str(tmp_path / "r.jsonl"),
        )
    assert error.value.returncode == 2
    assert "none.jsonl: no such file" in str(error.value)
