"""From schema to output formats: Arrow types, DuckDB DDL and comments."""

from datetime import date

import duckdb
import pyarrow as pa

from tip_gms.datasets import schema
from tip_gms.publishing import database
from tip_gms.shapes import shape, to_arrow


def test_arrow_types_follow_the_schema(built):
    table = to_arrow(built[0]["kredtrakhan_residents_by_nationality"],
                     shape("kredtrakhan_residents_by_nationality",
                           schema("kredtrakhan_residents_by_nationality")))
    assert table.schema.field("as_of").type == pa.date32()
    assert table.schema.field("persons").type == pa.int64()
    assert table.schema.field("share_pct_reported").type == pa.float64()
    assert table.schema.field("reported_as_dash").type == pa.bool_()
    assert table.schema.metadata is None  # nothing that could differ between runs or machines


def test_ddl_has_key_not_null_and_reference():
    keys = {"documents": ("doc_id",), "countries": ("iso3",), "tier_placements": ("doc_id", "iso3", "year")}
    sql = database.create_table_sql(shape("tier_placements", schema("tier_placements")), keys)
    assert 'PRIMARY KEY ("doc_id", "iso3", "year")' in sql
    assert '"source_page" BIGINT,' in sql  # nullable: a text source has no pages
    assert '"tier" VARCHAR NOT NULL' in sql
    assert '"doc_id" VARCHAR NOT NULL REFERENCES out.main."documents" ("doc_id")' in sql
    assert '"iso3" VARCHAR NOT NULL REFERENCES out.main."countries" ("iso3")' in sql
    no_countries = database.create_table_sql(shape("tier_placements", schema("tier_placements")),
                                             {"documents": ("doc_id",)})
    assert "countries" not in no_countries  # only tables written to the same file are referenced


def test_lists_of_codes_get_no_foreign_key():
    keys = {"documents": ("doc_id",), "countries": ("iso3",)}
    sql = database.create_table_sql(
        shape("thai_protection_centers", schema("thai_protection_centers")), keys)
    assert '"majority_origin_iso3" VARCHAR,' in sql


def test_comments_come_from_the_schema_and_quotes_are_escaped():
    statements = database.comment_sql(shape("tier_definitions", schema("tier_definitions")))
    assert statements[0].startswith('COMMENT ON TABLE out.main."tier_definitions" IS ')
    assert any("Name of the tier as printed, e.g. ''Tier 2 Watch List''." in s for s in statements)


def test_database_round_trip(tmp_path, built):
    shapes = [shape(name, schema(name)) for name in ("documents", "kredtrakhan_residents_by_age")]
    tables = [(table_shape, to_arrow(built[0][table_shape.name], table_shape)) for table_shape in shapes]
    target = tmp_path / "t.duckdb"
    database.write(target, tables)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.duckdb"]  # no temporary or .wal left behind
    with duckdb.connect(str(target), read_only=True) as connection:
        rows = connection.execute("SELECT as_of, persons FROM kredtrakhan_residents_by_age ORDER BY persons").fetchall()
        assert rows[0] == (date(2005, 10, 1), 26)
        comment = connection.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'kredtrakhan_residents_by_age' "
            "AND column_name = 'persons'").fetchone()[0]
        assert comment == "Residents in the age group. Unit: persons."


def test_csv_quotes_only_where_needed_and_reads_back(tmp_path):
    from datetime import date

    import pyarrow.csv as pa_csv

    from tip_gms.files import write_csv

    table = pa.table({"text": ["plain", 'a "quoted", text', None, "two\nlines"], "n": [1, None, 3, 4],
                      "x": [29.7, 1e6, None, 0.5], "ok": [True, False, None, True],
                      "as_of": [date(2005, 10, 1), None, date(2007, 2, 1), date(2007, 2, 1)]})
    write_csv(table, tmp_path / "t.csv")
    text = (tmp_path / "t.csv").read_bytes().decode("utf-8")
    assert text.splitlines()[:3] == ["text,n,x,ok,as_of", 'plain,1,29.7,true,2005-10-01',
                                     '"a ""quoted"", text",,1000000,false,']
    assert ",3,,,2007-02-01" in text and '"two\nlines",4,0.5,true,2007-02-01\n' in text
    nulls = pa_csv.ConvertOptions(strings_can_be_null=True)
    assert pa_csv.read_csv(tmp_path / "t.csv", convert_options=nulls).to_pylist() == table.to_pylist()


def test_the_console_says_which_findings_are_new_or_gone():
    from tip_gms.publishing.writer import outcome

    findings = pa.table({"doc_id": ["d", "d", "d"], "check_id": ["a", "b", "c"], "status": ["fail", "fail", "pass"]})
    tables = [(shape("quality_findings", schema("quality_findings")), findings)]
    before = {"version": "0123456789ab", "findings": {("d", "a"), ("d", "c")}}
    lines = outcome(tables, "ba9876543210", before, "outputs")
    assert lines[0].startswith("published data version ba9876543210: open outputs/index.html")
    assert lines[1] == "1 datasets, 3 rows: quality_findings 3"
    assert lines[2].startswith("3 checks, 2 findings")
    assert lines[3] == "findings since data version 0123456789ab: 1 new: b; 1 gone: c"
    assert outcome(tables, "0123456789ab", before, "outputs")[3] == "the same data as the release before"
    assert len(outcome(tables, "ba9876543210", {"version": None, "findings": None}, "outputs")) == 3  # a first run
