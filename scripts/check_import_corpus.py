"""Development check: import every vCard of a corpus of real exports, one by one, into a
scratch data folder through the CLI, and print a Markdown table (file, people expected,
people imported, what stderr said). Exits 1 when a count differs, a command fails, a
traceback or a library log line shows, or `netmap check` rejects the result.

    python scripts/check_import_corpus.py ../shared/corpus/vcard

The corpus is not part of the project (licences differ): it is the files that vCard
libraries and mail clients test themselves with. "Expected" is the number of cards
that name a person or hold an e-mail, counted by hand.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from netmap.store import CsvDocument

EXPECTED = {
    "vcard_mangstadt_ez-vcard_John_Doe_ANDROID.vcf": 6,
    "vcard_mangstadt_ez-vcard_John_Doe_BLACK_BERRY.vcf": 1,
    "vcard_mangstadt_ez-vcard_John_Doe_EVOLUTION.vcf": 1,
    "vcard_mangstadt_ez-vcard_John_Doe_GMAIL.vcf": 1,
    "vcard_mangstadt_ez-vcard_John_Doe_IPHONE.vcf": 1,
    "vcard_mangstadt_ez-vcard_John_Doe_LOTUS_NOTES.vcf": 1,
    "vcard_mangstadt_ez-vcard_John_Doe_MAC_ADDRESS_BOOK.vcf": 1,
    "vcard_mangstadt_ez-vcard_John_Doe_MS_OUTLOOK.vcf": 1,
    "vcard_mangstadt_ez-vcard_fullcontact.vcf": 1,
    "vcard_mangstadt_ez-vcard_gmail-list.vcf": 3,
    "vcard_mangstadt_ez-vcard_gmail-single2.vcf": 1,
    "vcard_mangstadt_ez-vcard_outlook-2003.vcf": 1,
    "vcard_mangstadt_ez-vcard_outlook-2007.vcf": 1,
    "vcard_mangstadt_ez-vcard_rfc6350-example.vcf": 1,
    "vcard_mangstadt_ez-vcard_thunderbird-MoreFunctionsForAddressBook-extension.vcf": 1,
    "vcard_mozilla_comm-central_addrbook_export.vcf": 2,
    "vcard_mozilla_comm-central_addrbook_export_v21_old.vcf": 2,
    "vcard_mozilla_comm-central_dos_vcard_addressbook.vcf": 1,
    "vcard_mozilla_comm-central_v3-binary-jpeg.vcf": 1,
    "vcard_py-vobject_vobject_photo-test.vcf": 1,
    "vcard_py-vobject_vobject_vcard40_full.vcf": 1,
}


def netmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netmap", *args], capture_output=True, text=True)


def main(corpus: Path) -> int:
    failures = 0
    print("| file | people expected | people imported | values (name; company; title) | stderr |")
    print("|---|---|---|---|---|")
    for path in sorted(corpus.glob("*.vcf")):
        expected = EXPECTED.get(path.name)
        with tempfile.TemporaryDirectory() as data:
            run = netmap("import", "--data", data, "--today", "2026-03-01", str(path))
            check = netmap("check", "--data", data)
            imported = run.stdout.count("\nadded ") + run.stdout.startswith("added ")
            rows = CsvDocument.read(Path(data) / "contacts.csv").rows if run.returncode == 0 else []
        first = rows[0].values if rows else {}
        values = "; ".join(first.get(k, "") for k in ("name", "company", "title")).replace("|", "\\|")
        said = [line for line in run.stderr.splitlines() if line.strip()]
        bad = (
            run.returncode != 0
            or check.returncode != 0
            or imported != expected
            or any("Traceback" in line or "Skipped line" in line for line in said)
        )
        failures += bad
        shown = "<br>".join(said) or "(nothing)"
        mark = " **FAIL**" if bad else ""
        print(f"| `{path.name}` | {expected} | {imported}{mark} | {values} | {shown} |")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/vcard")))
