"""Counts for the bias audit: form rows and pasted CSV, each bad cell named by row (or line) and column."""

from __future__ import annotations

import pytest
from candor.bias.input import MAX_GROUPS, BiasInputError, Group, parse_groups
from candor.bias.pasted import parse_csv, read_csv

# --- input: form rows -------------------------------------------------------------------------------


def rows(*items: tuple) -> list[dict]:
    return [{"group": g, "successes": s, "total": t} for g, s, t in items]


def form_error(data: object) -> BiasInputError:
    with pytest.raises(BiasInputError) as err:
        parse_groups(data)
    return err.value


class TestParseGroups:
    def test_good_rows(self) -> None:
        got = parse_groups(rows(("  Women ", "30", 100), ("Men", 50.0, "1,000"), ("", "", "")))
        assert got == (Group("Women", 30, 100), Group("Men", 50, 1000))

    @pytest.mark.parametrize(
        ("data", "message", "field", "row"),
        [
            (rows(("a", "abc", 10), ("b", 1, 2)), "Row 1, column “Successes”: “abc” is not a number", "successes", 1),
            (rows(("a", 1, 2), ("b", 1, "ten")), "Row 2, column “Total”: “ten” is not a number", "total", 2),
            (rows(("a", -1, 10), ("b", 1, 2)), "Row 1, column “Successes”: -1 is negative", "successes", 1),
            (rows(("a", "-1", 10), ("b", 1, 2)), "Row 1, column “Successes”: -1 is negative", "successes", 1),
            (rows(("a", 1, 2), ("b", 1, -5)), "Row 2, column “Total”: -5 is negative", "total", 2),
            (rows(("a", "2.5", 10), ("b", 1, 2)), "Row 1, column “Successes”: “2.5” is not a whole number", "successes", 1),
            (rows(("a", 2.5, 10), ("b", 1, 2)), "Row 1, column “Successes”: 2.5 is not a whole number", "successes", 1),
            (rows(("a", 1, "10,5"), ("b", 1, 2)), "Row 1, column “Total”: “10,5” is not a whole number", "total", 1),
            (rows(("a", 1, 2), ("b", True, 2)), "Row 2, column “Successes”: expected a whole number", "successes", 2),
            (rows(("a", 1, 2), ("b", "", 2)), "Row 2, column “Successes” is empty", "successes", 2),
            (rows(("a", 11, 10), ("b", 1, 2)), "Row 1: “Successes” (11) is greater than “Total” (10); “Successes” cannot",
             "successes", 1),
            (rows(("a", 0, 0), ("b", 1, 2)), "Row 1, column “Total” is 0: an empty group has no rate", "total", 1),
            (rows(("a", 1, 2), ("A ", 1, 2)), "Row 2, column “Group”: the group “A” appears twice (also row 1)", "group", 2),
            (rows(("a", 1, 2), ("", 1, 2)), "Row 2, column “Group” is empty", "group", 2),
            (
                rows(("a", 1, 2), ("x" * 81, 1, 2)),
                "Row 2, column “Group”: the name is 81 characters long; keep group names to 80",
                "group",
                2,
            ),
            (rows(("a", 1, 2), ("b", 1, 10**12 + 1)), "Row 2, column “Total”: 1,000,000,000,001 is too large", "total", 2),
            (rows(("a", 1, 2), ("b", 1, "9" * 40)), "is too large", "total", 2),
            (rows(("a", 1, 2)), "Enter at least 2 groups to compare (found 1)", "", None),
            ([], "Enter at least 2 groups to compare (found 0)", "", None),
            (rows(*[(f"g{i}", 1, 2) for i in range(MAX_GROUPS + 1)]), "There are 51 groups; the calculator compares at most 50", "", None),
            (rows(("a", 1, 2), ("b" * 80, 1, 2)) * 1200, "The input is", "", None),
            ([{"group": "a", "successes": 1, "total": 2}, "b,1,2"], "Row 2 is not a group", "", 2),
            ("a,1,2", "Expected a list of groups", "", None),
        ],
    )
    def test_errors_name_the_row_and_column(self, data: object, message: str, field: str, row: int | None) -> None:
        err = form_error(data)
        assert message in str(err)
        assert (err.field, err.row) == (field, row)
        assert isinstance(err, ValueError)

    def test_exactly_fifty_groups_and_eighty_characters_are_fine(self) -> None:
        assert len(parse_groups(rows(*[(f"g{i}", 1, 2) for i in range(MAX_GROUPS)]))) == MAX_GROUPS
        assert parse_groups(rows(("x" * 80, 1, 2), ("b", 1, 2)))[0].name == "x" * 80

    def test_names_stay_text(self) -> None:
        got = parse_groups(rows(("<img src=x onerror=alert(1)>", 1, 2), ("&amp;", 1, 2)))
        assert [g.name for g in got] == ["<img src=x onerror=alert(1)>", "&amp;"]


# --- input: pasted CSV ------------------------------------------------------------------------------


def csv_error(text: object) -> BiasInputError:
    with pytest.raises(BiasInputError) as err:
        parse_csv(text)
    return err.value


class TestParseCsv:
    @pytest.mark.parametrize(
        "text",
        [
            "group,successes,total\nWomen,30,100\nMen,50,100\n",
            "Group;Reached;Eligible\r\nWomen;30;100\r\nMen;50;100",
            "Eligible\tREACHED\tSegment\n100\t30\tWomen\n100\t50\tMen",
            "total,group,converted\n100,Women,30\n\n100,Men,50\n",
            "\ufeffShown,Converted,Audience,Notes\n100,30,Women,\n100,50,Men,high\n",
            "  \nOffers made;Approved;Group\n100;30;Women\n100;50;Men\n",
        ],
    )
    def test_headers_synonyms_order_and_separators(self, text: str) -> None:
        assert parse_csv(text) == (Group("Women", 30, 100), Group("Men", 50, 100))

    def test_quoted_names_and_thousands(self) -> None:
        text = 'group,successes,total\n"Women, 18-24",300,"1,000"\n"Men ""all""",50,100\n'
        assert parse_csv(text) == (Group("Women, 18-24", 300, 1000), Group('Men "all"', 50, 100))

    def test_trailing_separators_are_ignored(self) -> None:
        assert parse_csv("group;successes;total;\na;1;2;\nb;1;2;;\n") == (Group("a", 1, 2), Group("b", 1, 2))

    @pytest.mark.parametrize(
        ("text", "message", "field", "row"),
        [
            ("group,reached,eligible\na,x,10\nb,1,2", "Line 2, column “reached”: “x” is not a number", "successes", 2),
            ("group,reached,eligible\na,1,10\nb,-1,2", "Line 3, column “reached”: -1 is negative", "successes", 3),
            ("group,reached,eligible\na,1,10\nb,1,2.0", "Line 3, column “eligible”: “2.0” is not a whole number", "total", 3),
            ("group;reached;eligible\na;1;10\nb;1;2,5", "Line 3, column “eligible”: “2,5” is not a whole number", "total", 3),
            ("group,reached,eligible\na,12,10\nb,1,2", "Line 2: “reached” (12) is greater than “eligible” (10)", "successes", 2),
            ("group,reached,eligible\n\na,0,0\nb,1,2", "Line 3, column “eligible” is 0", "total", 3),
            (
                "group,reached,eligible\na,1,2\nb,1,2\n a ,1,2",
                "Line 4, column “group”: the group “a” appears twice (also line 2)",
                "group",
                4,
            ),
            ("group,reached,eligible\na,1,2\n,1,2", "Line 3, column “group” is empty", "group", 3),
            ("group,reached,eligible\na,1,2\nb,,2", "Line 3, column “reached” is empty", "successes", 3),
            ("group,reached,eligible\na,1,2\n" + "y" * 81 + ",1,2", "Line 3, column “group”: the name is 81 characters long", "group", 3),
            ("group,reached,eligible\na,1,2", "Enter at least 2 groups to compare (found 1)", "", None),
            ("group,reached,eligible\n" + "".join(f"g{i},1,2\n" for i in range(51)), "There are 51 groups", "", None),
            ("group,reached,eligible\n" + "g,1,2\n" * 20_000, "The input is 120,023 bytes; the limit is 100 KB (100,000 bytes)", "", None),
            (
                "group,reached,eligible\nWomen, 18-24,1,2\nb,1,2",
                "Line 2 has 4 values but the header has 3; if a group name contains a comma, put the name in double quotes",
                "",
                2,
            ),
            ("group,reached\na,1\nb,1", "Line 1: the header row must name a group, a successes and a total column", "header", 1),
            ("a,x,2\nb,1,2", "Missing: for group names use one of", "header", 1),  # no header, and not counts either
            ("a,1,2,3\nb,1,2,3", "Missing: for group names use one of", "header", 1),  # four columns: no order to assume
            (
                "group,reached,converted,total\na,1,1,2\nb,1,1,2",
                "Line 1: two columns both hold successes (“reached” and “converted”); keep one",
                "header",
                1,
            ),
            ("", "Nothing to read", "header", None),
            ("\n  \n", "Nothing to read", "header", None),
            (b"group,successes,total", "Expected the pasted data as text", "", None),
        ],
    )
    def test_errors_name_the_line_and_column(self, text: object, message: str, field: str, row: int | None) -> None:
        err = csv_error(text)
        assert message in str(err)
        assert (err.field, err.row) == (field, row)

    @pytest.mark.parametrize("text", ["Women,30,100\nMen,50,100\n", "Women\t30\t100\nMen\t50\t100", "\n Women;30;100\nMen;50;100"])
    def test_rows_without_a_header_are_read_as_group_successes_total_and_say_so(self, text: str) -> None:
        groups, note = read_csv(text)
        assert groups == (Group("Women", 30, 100), Group("Men", 50, 100))
        assert note is not None and "no header row" in note and "group, successes, total" in note

    def test_a_header_row_assumes_nothing(self) -> None:
        assert read_csv("group,successes,total\nWomen,30,100\nMen,50,100\n")[1] is None

    def test_size_limit_counts_bytes_not_characters(self) -> None:
        text = "group,reached,eligible\n" + "é" * 50_000  # 50,000 characters, 100,000 bytes
        assert "The input is 100,023 bytes" in str(csv_error(text))
