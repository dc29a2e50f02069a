"""Importing records from a CSV file, all or nothing.

An import is declared as a subclass of ``CsvImport``: its columns (name, whether
required, a parser, help text and an example), the key that identifies a record,
and how one row is written. ``CsvImport.run(upload)`` then

1. reads the file (size limit, UTF-8 with or without a byte-order mark, or Windows-1252
   when nothing in the bytes points to another encoding such as Shift-JIS or Big5 and
   they read as Western European text; refusing empty and binary files and spreadsheets
   saved in another format),
2. checks the header row, naming missing and unknown columns,
3. parses every row, collecting each problem as (row, column, message),
4. refuses rows repeating another row's key,
5. and only when nothing is wrong writes every row in one short transaction (in bulk:
   a few queries however many rows, see ``save()``), with one
   record summarising the import (``record()``: the audit area's ``AuditedCsvImport``
   writes it as an audit entry; this package knows nothing of rounds or the audit).

A file with any problem is refused whole (``ImportRefused`` with every problem in
``details``) and nothing is written. A row whose key matches an existing record
updates that record in place: officers correct a figure by uploading the file again.

``CsvImportView`` is the matching page: the columns documented in a table, a
downloadable template, the upload form, and the row-by-row report of a refused file.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commissioning.common.csv_import.parsers import parse_text
from commissioning.common.csv_import.views import _format_size
from commissioning.common.errors import ImportRefused

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# How often a long check reports how far it has gone, and how many records go in one bulk query.
PROGRESS_EVERY = 1000
BATCH_SIZE = 1000

# Signatures of files people pick by mistake instead of the CSV.
_BINARY_SIGNATURES = [
    (b"PK\x03\x04", gettext_lazy("an Excel workbook or another zipped file")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("an old-style Excel or Word file")),
    (b"%PDF", gettext_lazy("a PDF")),
    (b"\x89PNG", gettext_lazy("an image")),
    (b"\xff\xd8\xff", gettext_lazy("an image")),
    (b"GIF8", gettext_lazy("an image")),
]

ALLOWED_EXTENSIONS = (".csv", ".txt")


# Encodings whose text is often mistaken for Windows-1252, with a script their text nearly always has.
_EAST_ASIAN_ENCODINGS = [
    ("cp932", gettext_lazy("Shift-JIS (Japanese)"), "kana"),
    ("euc_jp", gettext_lazy("EUC-JP (Japanese)"), "kana"),
    ("euc_kr", gettext_lazy("EUC-KR (Korean)"), "hangul"),
    ("gbk", gettext_lazy("GBK (Chinese)"), "han"),
    # Big5's second bytes are often ASCII letters, so Western text read as Big5 looks like Chinese as
    # often as Chinese does: it is named only when the bytes cannot be Western text.
    ("big5", gettext_lazy("Big5 (Chinese)"), "han"),
]

# Characters outside ASCII that Western European text has outside words: punctuation and the marks
# people type in place of an apostrophe, which may touch letters, and symbols, which do not stand
# between two letters (“£5”, “20°C”, “© 2026”, not “©P§E”).
_WESTERN_PUNCTUATION = frozenset("\u00a0“”‘’‚„–—…«»‹›•·´")
_WESTERN_SYMBOLS = frozenset("°±²³¼½¾×÷£€©®™§¡¿")


def _script(char):
    code = ord(char)
    if 0x3040 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9F:
        return "kana"
    if 0xAC00 <= code <= 0xD7A3 or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    return None


def _fits(text, encoding, script):
    wide = [char for char in text if ord(char) >= 0x80]
    scripts = [_script(char) for char in wide]
    if encoding == "big5":
        return len(wide) >= 2 and all(found == "han" for found in scripts)
    if script == "han":
        return (
            len(wide) >= 4
            and all(found == "han" for found in scripts)
            and 4 * sum(1 for char in wide if all(byte >= 0x80 for byte in char.encode(encoding))) >= 3 * len(wide)
        )
    return scripts.count(script) >= 2


def looks_like_east_asian(raw, *, western=True):
    """The name of the East Asian encoding ``raw`` seems to be in, or None.

    It must decode cleanly in that encoding, and read so have the script that encoding's text nearly
    always has (kana in Japanese, hangul in Korean) or, for Chinese, be made only of ideographs, most
    of them with both bytes outside ASCII, as Chinese text is and Western text read wrongly is not. When
    several fit, the one reading the bytes as the fewest characters, most of them in its script, wins
    (then the first listed: kana or hangul say more than ideographs alone). Big5 is considered only when
    the caller has found that the bytes do not read as Western text (``western=False``).
    """
    if sum(1 for byte in raw if byte >= 0x80) < (4 if western else 2):
        return None
    candidates = []
    for order, (encoding, name, script) in enumerate(_EAST_ASIAN_ENCODINGS):
        if encoding == "big5" and western:
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _fits(text, encoding, script):
            wide = [char for char in text if ord(char) >= 0x80]
            in_script = sum(1 for char in wide if _script(char) in (script, "han" if script == "kana" else script))
            candidates.append((len(wide), -in_script / len(wide), order, str(name)))
    return min(candidates)[3] if candidates else None


def _out_of_place(text):
    """How many of the characters of ``text`` outside ASCII Western European text would not have.

    Such text has them in words that also have ASCII letters (“Société”, “Þórður”), as a word of one
    letter (“à”, “ø”), or as punctuation and symbols in their places. Returns (out of place, all outside ASCII).
    """
    out = wide = position = 0
    for is_word, group in groupby(text, key=str.isalpha):
        chunk = "".join(group)
        start, position = position, position + len(chunk)
        outside = [char for char in chunk if not char.isascii()]
        wide += len(outside)
        if not outside:
            continue
        if is_word:
            alone = len(chunk) == 1 and text[start - 1 : start].isascii() and text[position : position + 1].isascii()
            if not (alone or len(outside) < len(chunk)):
                out += len(outside)
            continue
        # The neighbours of a chunk of other characters are letters, when it has neighbours.
        between_letters = len(chunk) == 1 and start > 0 and position < len(text)
        out += sum(
            1
            for char in outside
            if (char in _WESTERN_SYMBOLS and between_letters)
            or (char not in _WESTERN_SYMBOLS and char not in _WESTERN_PUNCTUATION)
        )
    return out, wide


def reads_as_western(text):
    """Whether ``text`` (bytes read as Windows-1252) is plausibly Western European text.

    Nearly any bytes decode as Windows-1252; text in another encoding read so comes out as symbols and
    runs of accented capitals (“¦W¦r”, “ÀÌ¸§”). The text is refused when a quarter or more of its
    characters outside ASCII are out of place.
    """
    out, wide = _out_of_place(text)
    return not out or 4 * out < wide


class RowError(NamedTuple):
    """One problem in a file. ``row`` counts the header as row 1, as a spreadsheet does;
    it is None for a problem with the file as a whole."""

    row: int | None
    column: str
    message: str

    def __str__(self):
        if self.row is None:
            return str(self.message)
        if self.column:
            return _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class Column:
    name: str
    help_text: str
    required: bool = True
    parse: Any = field(default_factory=parse_text)
    example: str = ""


def _normalise_header(name):
    return re.sub(r"[\s-]+", "_", name.strip().lower())


class CsvImport:
    """One kind of import. Subclasses declare ``columns``, ``key`` and ``write_row()``."""

    # The upload page receives the class itself; templates must read its attributes, not call it.
    do_not_call_in_templates = True
    title = ""
    intro = ""
    template_filename = "template.csv"
    columns: tuple = ()
    key: tuple = ()

    def __init__(self, *, by, round_=None):
        self.by = by
        self.round = round_

    # -- what the page shows ------------------------------------------------------------

    @classmethod
    def key_description(cls):
        return _(" and ").join(cls.key)

    @classmethod
    def existing_rows_policy(cls):
        return _(
            "A row with the same %(key)s as a record already here updates that record. "
            "Records that are not in the file are left as they are; nothing is deleted."
        ) % {"key": cls.key_description()}

    @classmethod
    def template_rows(cls):
        return [[column.name for column in cls.columns], [column.example for column in cls.columns]]

    # -- hooks ---------------------------------------------------------------------------

    def prepare(self):
        """Load what rows are checked against (one query per lookup, not one per row)."""

    def clean_row(self, values):
        """Check one parsed row as a whole; add resolved objects to ``values``.

        Called even when some cells failed to parse (their values are None), so that one
        report names every problem. Return (column, message) pairs for what is wrong.
        """
        return []

    def resolve(self, values, column, known, message, *, to=None, normalise=None):
        """Put the object the row names in ``column`` into ``values[to]``, looked up in ``known``
        (a dict by normalised name). Returns the (column, message) errors: ``message`` with
        %(value)s when the name is not there; none when the cell is empty or did not parse."""
        name = values.get(column)
        found = known.get(normalise(name) if normalise and name is not None else name)
        values[to or column.removesuffix("_code")] = found
        if found is None and name is not None:
            return [(column, message % {"value": name})]
        return []

    def key_of(self, values):
        return tuple(str(values.get(name, "")).casefold() if values.get(name) is not None else "" for name in self.key)

    def lock(self):
        """Serialise imports into one round, so that two uploads at once cannot collide."""
        if self.round is not None:
            type(self.round).objects.select_for_update().filter(pk=self.round.pk).first()

    def write_row(self, values):
        """Write one row (through ``save()``, in bulk); return CREATED, UPDATED or UNCHANGED."""
        raise NotImplementedError

    def record(self, *, summary, after):
        """Record the import inside its transaction and return the record (it has a ``summary``)."""
        raise NotImplementedError

    def summary(self, counts, filename):
        return ngettext(
            "%(title)s imported from %(file)s: %(rows)d row (%(created)d added, %(updated)d updated, "
            "%(unchanged)d unchanged).",
            "%(title)s imported from %(file)s: %(rows)d rows (%(created)d added, %(updated)d updated, "
            "%(unchanged)d unchanged).",
            counts["rows"],
        ) % {"title": self.title, "file": filename, **counts}

    # -- the import ----------------------------------------------------------------------

    def run(self, upload):
        """Check the whole file, then write it in one short transaction.

        Side effects: the rows written and the import's record (``record()``). Raises ImportRefused with
        every problem, having written nothing.
        """
        filename, text = self.read(upload)
        return self.run_text(text, filename)

    def read(self, upload):
        """The upload's name and text, refusing a file that is too large, not a CSV file or not readable."""
        filename = getattr(upload, "name", "") or "upload.csv"
        return filename, self._read(upload, filename)

    def count_rows(self, text):
        """How many lines the file has after its header (the upload page runs long files in the background)."""
        _header, lines = self._split_lines(text)
        return len(lines) - 1

    def run_text(self, text, filename, *, progress=None):
        """Check every row of ``text`` (``progress(rows_checked, rows_total)`` is called as it goes), then write.

        Nothing is locked while the file is checked; the write is one transaction, all or nothing.
        """
        rows = self._parse(text, progress=progress)
        return self.write(rows, filename)

    def write(self, rows, filename):
        """Write checked rows in one transaction, with bulk inserts and updates, and record the import."""
        with transaction.atomic():
            self.lock()
            counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
            self._pending = {}
            try:
                with transaction.atomic():
                    for values in rows:
                        counts[self.write_row(values)] += 1
                    for changes in self._pending.values():
                        changes.save()
                    self.after_write()
            except (IntegrityError, ValidationError):
                raise ImportRefused(
                    _("The records changed while the file was being imported. Nothing was changed; try again.")
                ) from None
            counts["rows"] = len(rows)
            entry = self.record(summary=self.summary(counts, filename), after={"file": filename, **counts})
        return ImportResult(
            rows=len(rows),
            created=counts[CREATED],
            updated=counts[UPDATED],
            unchanged=counts[UNCHANGED],
            message=entry.summary,
        )

    def save(self, obj, fields):
        """Set ``fields`` on ``obj`` (new or existing); it is written with the others of its model in bulk
        once every row has been seen. Returns CREATED, UPDATED or UNCHANGED."""
        model = type(obj)
        if model not in self._pending:
            self._pending[model] = BulkChanges(model)
        return self._pending[model].put(obj, fields)

    def after_write(self):
        """Write what depends on the records' ids (many-to-many links), once they are saved."""

    def _refuse(self, message, errors=()):
        raise ImportRefused(message, details=list(errors))

    def _read(self, upload, filename):
        max_bytes = settings.CSV_IMPORT_MAX_BYTES
        size = getattr(upload, "size", None)
        if size is not None and size > max_bytes:
            self._too_large(max_bytes)
        if not filename.lower().endswith(ALLOWED_EXTENSIONS):
            self._refuse(
                _(
                    "The selected file must be a CSV file (its name ends in .csv). In a spreadsheet, use "
                    "“Save as” and choose “CSV UTF-8”."
                )
            )
        upload.seek(0)
        raw = upload.read(max_bytes + 1)
        if len(raw) > max_bytes:
            self._too_large(max_bytes)
        if not raw.strip():
            self._refuse(_("The file is empty."))
        text = self._decode(raw)
        if not text.strip():
            self._refuse(_("The file is empty."))
        return text

    def _decode(self, raw):
        """The text of the file's bytes, refusing what is not a text file."""
        for signature, kind in _BINARY_SIGNATURES:
            if raw.startswith(signature):
                self._refuse(
                    _("The file is %(kind)s, not a CSV file. In a spreadsheet, use “Save as” and choose “CSV UTF-8”.")
                    % {"kind": kind}
                )
        if b"\x00" in raw:
            self._refuse(_("The file is not a CSV file: it is not plain text."))
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        # Excel on Windows saves "CSV (Comma delimited)" in Windows-1252. Nearly any bytes decode as
        # Windows-1252, so a file is read so only when nothing in it points to another encoding and
        # the text it gives is plausibly Western European.
        other = looks_like_east_asian(raw)
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None and not other and not reads_as_western(text):
            other, text = looks_like_east_asian(raw, western=False), None
        if text is None or other:
            message = _("The file's text could not be read.")
            if other:
                message = _("The file seems to be saved in %(encoding)s, which cannot be read here.") % {
                    "encoding": other
                }
            self._refuse(
                _(
                    "%(problem)s Files must be saved as UTF-8 (with or without a byte-order mark), or in "
                    "Windows-1252 (Western European). In a spreadsheet, use “Save as” and choose “CSV UTF-8”."
                )
                % {"problem": message}
            )
        return text

    def _too_large(self, max_bytes):
        self._refuse(
            _("The file is larger than %(size)s. Split it into smaller files.") % {"size": _format_size(max_bytes)}
        )

    def _parse(self, text, *, progress=None):
        header, lines = self._split_lines(text)
        self._check_header(header)

        self.prepare()
        errors, rows, seen = [], [], {}
        total = len(lines) - 1
        for index, cells in enumerate(lines[1:], start=2):
            if progress is not None and index % PROGRESS_EVERY == 0:
                progress(index - 1, total)
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
                errors.append(RowError(index, "", _("This row has more values than the header has columns.")))
                continue
            values, row_errors = self._parse_row(index, cells, header)
            if not row_errors and self.key:
                row_errors = self._repeat_errors(index, values, seen)
            errors.extend(row_errors)
            if not row_errors:
                rows.append(values)
        if progress is not None:
            progress(total, total)
        if not rows and not errors:
            self._refuse(_("The file has a header row but no data rows."))
        if errors:
            self._refuse(
                ngettext(
                    "The file was not imported: %(n)d problem was found. Nothing was changed.",
                    "The file was not imported: %(n)d problems were found. Nothing was changed.",
                    len(errors),
                )
                % {"n": len(errors)},
                errors,
            )
        return rows

    def _split_lines(self, text):
        """The normalised header and every line of the file (the header first), without trailing empty lines."""
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            lines = list(reader)
        except csv.Error as error:
            self._refuse(_("The file is not a valid CSV file (%(error)s).") % {"error": error})
        while lines and not any(cell.strip() for cell in lines[-1]):
            lines.pop()
        if not lines:
            self._refuse(_("The file is empty."))
        header = [_normalise_header(name) for name in lines[0]]
        # Spreadsheets often add empty columns after the last one; only a gap in the middle matters.
        while header and not header[-1]:
            header.pop()
        return header, lines

    def _parse_row(self, index, cells, header):
        """The parsed values of one data row and its errors, the row's own checks included."""
        raw = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name}
        values, row_errors = {}, []
        for column in self.columns:
            text = raw.get(column.name, "")
            if not text:
                if column.required:
                    row_errors.append(RowError(index, column.name, _("Enter a value.")))
                values[column.name] = None
                continue
            try:
                values[column.name] = column.parse(text)
            except ValidationError as error:
                row_errors.append(RowError(index, column.name, " ".join(str(m) for m in error.messages)))
            except ValueError as error:
                row_errors.append(RowError(index, column.name, str(error)))
        failed = {error.column for error in row_errors}
        row_errors += [RowError(index, col, str(msg)) for col, msg in self.clean_row(values) if col not in failed]
        return values, row_errors

    def _repeat_errors(self, index, values, seen):
        """An error when an earlier row had the same key; otherwise the row's key is remembered in ``seen``."""
        key = self.key_of(values)
        if key in seen:
            return [
                RowError(
                    index,
                    "",
                    _("This row repeats row %(row)d (the same %(key)s).")
                    % {"row": seen[key], "key": self.key_description()},
                )
            ]
        seen[key] = index
        return []

    def _check_header(self, header):
        known = {column.name for column in self.columns}
        errors = []
        duplicates = sorted({name for name in header if name and header.count(name) > 1})
        for name in duplicates:
            errors.append(RowError(1, name, _("This column appears more than once.")))
        for column in self.columns:
            if column.required and column.name not in header:
                errors.append(RowError(1, column.name, _("This column is missing.")))
        for name in header:
            if name and name not in known:
                errors.append(RowError(1, name, _("This column is not expected. Remove it or check its spelling.")))
        if "" in header:
            errors.append(RowError(1, "", _("A column has no name in the header row.")))
        if errors:
            expected = ", ".join(column.name for column in self.columns)
            self._refuse(
                _("The file's header row does not match the expected columns: %(columns)s.") % {"columns": expected},
                errors,
            )


@dataclass
class ImportResult:
    rows: int
    created: int
    updated: int
    unchanged: int
    message: str


class BulkChanges:
    """New and changed records of one model, written together: a few queries however many rows.

    The fields a row sets are checked as ``full_clean`` checks them, except for what costs a query a
    row (that a related record exists, uniqueness): the rows were resolved against records loaded
    once, and the database's constraints refuse the rest.
    """

    def __init__(self, model):
        self.model = model
        self.new, self.changed, self.fields = [], [], set()
        self._concrete = {f.name: f for f in model._meta.concrete_fields}

    def put(self, obj, fields):
        if obj.pk is None:
            for name, value in fields.items():
                setattr(obj, name, value)
            self._clean(obj, fields)
            self.new.append(obj)
            return CREATED
        changed = [name for name, value in fields.items() if getattr(obj, name) != value]
        if not changed:
            return UNCHANGED
        for name in changed:
            setattr(obj, name, fields[name])
        self._clean(obj, changed)
        self.changed.append(obj)
        self.fields.update(changed)
        return UPDATED

    def _clean(self, obj, names):
        checked = {name for name in names if name in self._concrete and not self._concrete[name].is_relation}
        obj.clean_fields(exclude=[name for name in self._concrete if name not in checked])

    def save(self):
        if self.new:
            self.model.objects.bulk_create(self.new, batch_size=BATCH_SIZE)
        if self.changed:
            update_in_bulk(self.model, self.changed, sorted(self.fields))


def update_in_bulk(model, objs, names):
    """Save ``names`` of every record in ``objs``: one UPDATE … FROM (VALUES …) a thousand records on
    PostgreSQL, where Django's ``bulk_update`` builds a CASE per field that makes a large file slow;
    ``bulk_update`` elsewhere."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model.objects.bulk_update(objs, names, batch_size=BATCH_SIZE)
        return
    meta = model._meta
    columns = [meta.pk, *(meta.get_field(name) for name in names)]
    quote = connection.ops.quote_name
    assignments = ", ".join(
        f"{quote(f.column)} = CAST(v.{quote(f.column)} AS {f.db_type(connection)})" for f in columns[1:]
    )
    aliases = ", ".join(quote(f.column) for f in columns)
    pk = quote(meta.pk.column)
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), BATCH_SIZE):
            batch = objs[start : start + BATCH_SIZE]
            params = [f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in batch for f in columns]
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "  # noqa: S608 -- names from the model
                f"FROM (VALUES {', '.join([row] * len(batch))}) AS v({aliases}) "
                f"WHERE t.{pk} = CAST(v.{pk} AS {meta.pk.db_type(connection)})",
                params,
            )
