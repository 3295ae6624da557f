"""Opening a data folder to change it: its CSV files as editable documents, validated.

The documents are :class:`~netmap.store.CsvDocument` s; the folder is checked by the
loader (:func:`~netmap.loading.load_dataset`) as every other command checks it.
"""

from __future__ import annotations

import os

from ..errors import DataError
from .document import CsvDocument

__all__ = ["open_for_edit"]


def open_for_edit(
    data: str | os.PathLike[str] | None = None,
    *,
    contacts: str | os.PathLike[str] | None = None,
    introductions: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    with_introductions: bool = True,
    tx=None,
):
    """A data folder opened to be changed: ``(contacts doc, introductions doc or None, dataset)``.

    The files are read as editable :class:`CsvDocument` s (a missing
    introductions.csv is a new, empty one) and the folder is validated by
    :func:`~netmap.loading.load_dataset`, so invalid data fails as in every other
    command; the dataset is checked to describe these very bytes (ConflictError).
    Pass ``tx`` (a :class:`~netmap.store.Transaction`) to read under its lock and
    have both documents committed by ``tx.commit()``.
    """
    from ..loading import load_dataset, resolve_paths
    from ..model import INTRODUCTION_COLUMNS

    contacts_path, intros_path, _ = resolve_paths(data, contacts, introductions)
    options = dict(contacts=contacts, introductions=introductions, encoding=encoding)
    try:
        contacts_doc = CsvDocument.read(contacts_path, encoding=encoding)
        intros_doc = None
        if with_introductions:
            intros_doc = (
                CsvDocument.read(intros_path, encoding=encoding)
                if intros_path.exists()
                else CsvDocument.new(intros_path, list(INTRODUCTION_COLUMNS))
            )
    except DataError:
        load_dataset(data, **options)  # type: ignore[arg-type]
        raise  # the loader accepted what the editor cannot read: report the editor's view
    dataset = load_dataset(data, **options)  # type: ignore[arg-type]
    contacts_doc.check_unchanged()
    if intros_doc is not None and intros_doc.sha256 is not None:
        intros_doc.check_unchanged()
    if tx is not None:
        tx.add(contacts_doc)
        if intros_doc is not None:
            tx.add(intros_doc)
    return contacts_doc, intros_doc, dataset
