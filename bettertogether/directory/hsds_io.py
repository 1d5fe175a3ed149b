"""HSDS 3.0 tabular data package: export the directory to CSV files and import them back.

`export_package(dir)` writes `datapackage.json` and one CSV per official table, with the official
headers (empty tables keep them). `import_package(dir)` reads such a package in one transaction
(all or nothing), upserting by id, so importing the same package twice changes nothing.

A package has one language (`languages` in datapackage.json; `export_package(dir, "fr")` writes
French text, English where a translation is empty). An English package creates and updates
records (English translations of translated fields; other languages are left as they are); a
package in another language only updates that language's translations of existing records.
What the directory models is stored in model fields. Everything else round-trips through `extra` (see
directory.hsds): unmodelled columns in `extra["hsds"]`, rows of unmodelled tables (contacts,
funding, programs, ...) in `extra["hsds_tables"]` of their owner. References to rows that are not
in the package nor in the database (the official example's parent_organization_id, program_id,
...) are kept in `extra` when the row has one, never fatal. Rows whose required parent is missing
are dropped with a warning in the returned report.

The export is valid against the official datapackage.json (enums, uniqueness, required columns):
incomplete addresses travel as location attributes (hsds_addresses), an empty required
description as the name. JSON packages, .zip packages and other HSDS APIs: hsds_json, hsds_fetch.
"""

from .hsds_export import datapackage, export_package, table_rows
from .hsds_import import import_package
from .hsds_read import HSDSImportError, ImportReport
from .hsds_tables import DEFAULT_MAX_BYTES, TABLES, content_language, content_languages

__all__ = [
    "DEFAULT_MAX_BYTES",
    "TABLES",
    "content_language",
    "content_languages",
    "HSDSImportError",
    "ImportReport",
    "datapackage",
    "export_package",
    "import_package",
    "table_rows",
]
