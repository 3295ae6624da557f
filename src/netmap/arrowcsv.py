"""Splitting a large plain CSV text into columns with pyarrow's parser, where it gives what
:mod:`csv` gives.

pyarrow's CSV parser splits fields as :func:`csv.reader` does (doubled quotes, a quote inside
an unquoted field kept, text after a closing quote kept, quoted line breaks) several times
faster, and hands back columns; but it skips empty lines and does not say on which line a
record starts. :func:`split_columns` takes its answer only where neither matters: the header
is line 1 (as :mod:`csv` itself reads it), no carriage return stands alone, and the records
under it are exactly the text's other lines, one each. Anywhere else it answers None and
:func:`netmap.csvio.read_table` lets :mod:`csv` split the text.
"""

from __future__ import annotations

import csv
import io

#: texts shorter than this are left to :mod:`csv` (importing pyarrow costs more than it saves)
SPLIT_FROM = 1 << 20


def split_columns(
    text: str, delimiter: str, *, smallest: int | None = None
) -> tuple[list[str], list[list[str]]] | None:
    """``(header record, the records under it column by column)`` as :mod:`csv` reads ``text``,
    record k under the header being on line k + 2, when pyarrow can say so; else None.
    Texts shorter than ``smallest`` (default :data:`SPLIT_FROM`) are None.

    >>> split_columns('id,name\\n1,"Ana ""A"" Lima"\\n2,Bo\\n', ",", smallest=0)
    (['id', 'name'], [['1', '2'], ['Ana "A" Lima', 'Bo']])
    >>> split_columns("id,name\\n1,Ana\\n\\n2,Bo\\n", ",", smallest=0) is None  # a blank line
    True
    """
    if len(text) < (SPLIT_FROM if smallest is None else smallest):
        return None
    if text.count("\r") != text.count("\r\n"):  # csv ends a line at a lone CR too; counting "\n" would not
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        return None
    end = text.find("\n")
    if reader.line_num != 1 or end < 0 or not "".join(header).strip():
        return None  # the header is not line 1, or has a line break inside, or is all the text
    body = text[end + 1 :]
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    names = [str(i) for i in range(len(header))]
    texts = pa.dictionary(pa.int32(), pa.string())  # each distinct text once, as the reader meets it
    try:
        table = pacsv.read_csv(
            pa.py_buffer(body.encode()),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, texts),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )  # fmt: skip
    except (pa.ArrowException, UnicodeEncodeError):
        return None  # a row of another width, for one: csv reads it and read_table says where
    lines = body.count("\n") + (bool(body) and not body.endswith("\n"))
    if table.num_rows != lines:
        return None  # an empty line skipped, or a record over several lines
    columns = []
    for chunks in table.columns:  # a cell repeating a text is that same str (its hash worked out once)
        column = chunks.combine_chunks()  # one dictionary for the whole column
        if len(column.dictionary) and pc.max(pc.binary_length(column.dictionary)).as_py() >= csv.field_size_limit():
            return None  # csv stops at a cell this long (in characters; no more than its UTF-8 bytes)
        distinct = np.array(column.dictionary.to_pylist(), dtype=object)
        columns.append(distinct[column.indices.to_numpy()].tolist())
    return header, columns
