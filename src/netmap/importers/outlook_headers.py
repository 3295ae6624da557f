"""The column names Outlook writes, in each language it localises them to.

Desktop Outlook writes the CSV header in the language of its user interface. The names
below are those of Outlook's own CSV import mapping (English, German, French, Spanish,
Italian, Portuguese of Brazil and of Portugal) and of a real zh-CN export; the Dutch
ones were not checked against a real export. Spanish and Brazilian Outlook leave some
columns in English. Only the fields netmap reads are listed (``Referred By`` is known
in English, German and Chinese only); phone columns are recognised by
:func:`is_phone_column`.

>>> language({"nachname", "vorname", "e-mail-adresse", "firma"})
'de'
>>> HEADERS["fr"]["job"]    # in French Outlook "Titre" is the job title
('Titre',)
"""

from __future__ import annotations

from .csvsource import header_key

Names = dict[str, tuple[str, ...]]

HEADERS: dict[str, Names] = {
    "en": {
        "first": ("First Name",), "middle": ("Middle Name",), "last": ("Last Name",),
        "suffix": ("Suffix",), "company": ("Company",), "department": ("Department",),
        "job": ("Job Title",), "email": ("E-mail Address",), "email2": ("E-mail 2 Address",),
        "email3": ("E-mail 3 Address",), "display": ("E-mail Display Name",),
        "display2": ("E-mail 2 Display Name",), "notes": ("Notes",), "categories": ("Categories",),
        "web": ("Web Page",), "web2": ("Personal Web Page",), "office": ("Office Location",),
        "referred": ("Referred By",), "file_as": ("File As",),
    },
    "de": {
        "first": ("Vorname",), "middle": ("Weitere Vornamen",), "last": ("Nachname",),
        "suffix": ("Suffix",), "company": ("Firma",), "department": ("Abteilung",),
        "job": ("Position",), "email": ("E-Mail-Adresse",), "email2": ("E-Mail 2: Adresse",),
        "email3": ("E-Mail 3: Adresse",), "display": ("E-Mail: Angezeigter Name",),
        "display2": ("E-Mail 2: Angezeigter Name",), "notes": ("Notizen",),
        "categories": ("Kategorien",), "web": ("Webseite",), "office": ("Büro",),
        "referred": ("Empfohlen von",),
    },
    "fr": {
        "first": ("Prénom",), "middle": ("Deuxième prénom",), "last": ("Nom",),
        "suffix": ("Suffixe",), "company": ("Société",), "department": ("Service",),
        "job": ("Titre",), "email": ("Adresse de messagerie",),
        "email2": ("Adresse de messagerie 2",), "email3": ("Adresse de messagerie 3",),
        "display": ("Nom complet de l'adresse de messagerie",),
        "display2": ("Nom complet de l'adresse de messagerie 2",), "notes": ("Notes",),
        "categories": ("Catégories",), "web": ("Page Web",), "office": ("Bureau",),
    },
    "es": {
        "first": ("Nombre",), "middle": ("Segundo nombre",), "last": ("Apellidos",),
        "suffix": ("Suffix",), "company": ("Organización",),
        "department": ("Department",), "job": ("Puesto",),
        "email": ("E-mail Address",),
        "email2": ("Dirección de correo electrónico 2",),
        "email3": ("Dirección del correo electrónico 3",),
        "display": ("Nombre de pantalla de correo electrónico",),
        "display2": ("Nombre de pantalla de correo electrónico 2",), "notes": ("Notes",),
        "categories": ("Categorías",), "web": ("Página web",), "office": ("Office Location",),
    },
    "it": {
        "first": ("Nome",), "middle": ("Secondo nome",), "last": ("Cognome",),
        "suffix": ("Titolo straniero",), "company": ("Società",), "department": ("Reparto",),
        "job": ("Posizione",), "email": ("Indirizzo posta elettronica",),
        "email2": ("Indirizzo posta elettronica 2",), "email3": ("Indirizzo posta elettronica 3",),
        "display": ("Nome visualizzato posta elettronica",),
        "display2": ("Nome visualizzato posta elettronica 2",), "notes": ("Notes",),
        "categories": ("Categorie",), "web": ("Pagina Web",), "office": ("Ubicazione ufficio",),
    },
    "pt-br": {
        "first": ("Primeiro nome",), "middle": ("Segundo nome",), "last": ("Sobrenome",),
        "suffix": ("Sufixo",), "company": ("Empresa",), "department": ("Departamento",),
        "job": ("Cargo",), "email": ("E-mail Address",),
        "email2": ("Endereço de email 2",), "email3": ("Endereço de email 3",),
        "display": ("Nome para exibição do email",), "display2": ("Nome para exibição do email 2",),
        "notes": ("Anotações",), "categories": ("Categorias",), "web": ("Página da Web",),
        "office": ("Sala",),
    },
    "pt-pt": {
        "first": ("Primeiro nome",), "middle": ("Outros nomes/apelidos",),
        "last": ("Apelido",), "suffix": ("Sufixo",), "company": ("Empresa",),
        "department": ("Departamento",), "job": ("Cargo",),
        "email": ("Endereço de correio electrónico",),
        "email2": ("Endereço do correio electrónico 2",), "email3": ("Endereço do correio electrónico 3",),
        "display": ("Nome a apresentar para o correio electrónico",),
        "display2": ("Nome a apresentar para o correio electrónico 2",), "notes": ("Notas",),
        "categories": ("Categorias",), "web": ("Página na Web",), "office": ("Gabinete",),
    },
    "nl": {
        "first": ("Voornaam",), "middle": ("Middelste naam",), "last": ("Achternaam",),
        "suffix": ("Achtervoegsel",), "company": ("Bedrijf",), "department": ("Afdeling",),
        "job": ("Functie",), "email": ("E-mailadres",), "email2": ("E-mailadres 2",),
        "email3": ("E-mailadres 3",), "display": ("Weergavenaam voor e-mail",),
        "display2": ("Weergavenaam voor e-mail 2",), "notes": ("Notities",),
        "categories": ("Categorieën",), "web": ("Webpagina",), "office": ("Kantoorlocatie",),
    },
    "zh-cn": {
        "first": ("名",), "middle": ("中间名",), "last": ("姓",), "suffix": ("英文称谓",),
        "company": ("单位",), "department": ("部门",), "job": ("职务",),
        "email": ("电子邮件地址",), "email2": ("电子邮件 2 地址",), "email3": ("电子邮件 3 地址",),
        "display": ("电子邮件显示名称",), "notes": ("附注",),
        "categories": ("类别",), "web": ("网页",), "office": ("办公地点",), "referred": ("引用者",),
    },
}  # fmt: skip

#: Phone columns: a header holding one of these words (Outlook's own phone fields).
_PHONE_WORDS = ("phone", "telefon", "téléphone", "tél.", "teléfono", "telefono", "telefone",
                "telemóvel", "telefoon", "电话")  # fmt: skip
#: Phone columns named without such a word (Spanish and Italian home and business phones).
_PHONE_NAMES = frozenset({"particular", "abitazione", "abitazione 2", "ufficio", "ufficio 2", "cellulare"})
#: An assistant's phone is not the person's.
_NOT_THEIRS = ("assistant", "assistent", "assistente", "助理")


def _keys(lang: str, field: str) -> list[str]:
    return [header_key(name) for name in HEADERS[lang].get(field, ())]


def language(header: set[str]) -> str | None:
    """The language of an Outlook header (keys as :func:`header_key` makes them), or None:
    the one whose first name, last name and e-mail columns are all there, and a company
    or job title column; the most columns found wins a tie.
    """
    best, score = None, 0
    for lang in HEADERS:

        def has(field: str, lang: str = lang) -> bool:
            return any(key in header for key in _keys(lang, field))

        if not (has("first") and has("last") and has("email") and (has("company") or has("job"))):
            continue
        found = sum(has(field) for field in HEADERS[lang])
        if found > score:
            best, score = lang, found
    return best


def columns(lang: str, index: dict[str, int]) -> dict[str, list[int]]:
    """Field -> the column indexes holding it, for a header of language ``lang``."""
    return {field: [index[k] for k in _keys(lang, field) if k in index] for field in HEADERS[lang]}


def is_phone_column(key: str) -> bool:
    """Is the header key one of the person's own phone numbers (not a fax, not the
    assistant's)?

    >>> is_phone_column("mobile phone"), is_phone_column("telefon assistent"), is_phone_column("ufficio")
    (True, False, True)
    """
    if any(word in key for word in _NOT_THEIRS):
        return False
    return key in _PHONE_NAMES or any(word in key for word in _PHONE_WORDS)
