"""Every scoring weight in one place, with defaults, overridable by ``netmap.toml``.

``docs/scoring.md`` explains how they combine. A ``netmap.toml`` in the data folder
(or ``--config FILE``) overrides any of them::

    half_life_days = 180

    [inferred]
    same_office = 0.3

    [seniority]
    director = 1.0

>>> w = Weights()
>>> w.strength["5"], w.inferred["same_office"]
(0.9, 0.2)
"""

from __future__ import annotations

import difflib
import math
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _d(**kv: float) -> dict[str, float]:
    return dict(kv)


@dataclass(frozen=True)
class Weights:
    """The warmth and target-fit model. Each field is documented in ``docs/scoring.md``."""

    #: warmth of a direct tie by the stated strength 1-5
    strength: dict[str, float] = field(default_factory=lambda: {"1": 0.2, "2": 0.35, "3": 0.5, "4": 0.7, "5": 0.9})
    #: warmth of a direct tie by relationship kind (used alone when strength is blank)
    relationship: dict[str, float] = field(
        default_factory=lambda: _d(
            family=0.8, friend=0.7, colleague=0.6, former_colleague=0.5, classmate=0.45, teacher=0.45,
            neighbor=0.4, alumni=0.3, recruiter=0.3, acquaintance=0.25, other=0.3,
        )
    )  # fmt: skip
    #: share of the stated strength when both strength and relationship are known
    strength_share: float = 0.75
    #: recency: the warmth that decays halves its distance to the floor every half-life
    half_life_days: float = 365.0
    recency_floor: float = 0.4
    #: recency factor when no date is known
    unknown_recency: float = 0.7
    #: warmth of referrer -> contact when an introduction gives no strength
    introduction_default: float = 0.35
    #: multiplies the tie an introduction runs over, by its status
    status: dict[str, float] = field(
        default_factory=lambda: _d(
            suggested=1.0, requested=1.0, made=1.1, met=1.2, thanked=1.25, declined=0.5, no_response=0.75
        )
    )
    #: warmth of your own tie to someone an introduction put you in touch with
    introduced: dict[str, float] = field(default_factory=lambda: _d(made=0.3, met=0.5, thanked=0.55))
    #: evidence in both directions (A referred B and B referred A, or B referred you on)
    reciprocity: float = 1.15
    #: each introduction a person made that led to a meeting (+) or was declined/unanswered (-)
    track_record_step: float = 0.1
    track_record_min: float = 0.6
    track_record_max: float = 1.3
    #: base warmth of inferred ties between two people: at most a tie you would rate 1 (0.2)
    inferred: dict[str, float] = field(
        default_factory=lambda: _d(same_office=0.2, same_company=0.12, past_company=0.08, school=0.06)
    )
    #: inferred ties keep their base in groups up to this many people, then weaken by sqrt(size / this)
    inferred_full_size: float = 10.0
    #: target fit: seniority level of the person reached (see netmap.targets.seniority_level)
    seniority: dict[str, float] = field(
        default_factory=lambda: _d(
            c_level=1.0, vp=0.95, head=0.9, director=0.9, manager=0.8, senior=0.7, staff=0.7,
            mid=0.6, junior=0.5, intern=0.4,
        )
    )  # fmt: skip
    #: target fit when --office is given: in the office, elsewhere in the company
    office_match: float = 1.0
    office_mismatch: float = 0.5
    #: target fit when --role is given: title matches a keyword, or not
    role_match: float = 1.0
    role_mismatch: float = 0.6
    #: --prefer reach: the final tie's warmth that helps most (the inverted U)
    reach_peak: float = 0.35

    def with_overrides(self, overrides: dict, source: str = "config") -> Weights:
        """A copy with ``overrides`` (parsed TOML) applied; unknown keys raise ConfigError."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, value in overrides.items():
            if key in PROFILE_SECTIONS:
                if not isinstance(value, dict):
                    raise ConfigError(f"{source}: '{key}' must be a table like [{key}]")
                continue  # not a weight: read by netmap.weights.load_profile
            if key not in known:
                close = difflib.get_close_matches(key, list(known), n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
                raise ConfigError(f"{source}: unknown setting '{key}' - {hint}")
            current = getattr(self, key)
            if isinstance(current, dict):
                if not isinstance(value, dict):
                    raise ConfigError(f"{source}: '{key}' must be a table like [{key}]")
                merged = dict(current)
                for sub, number in value.items():
                    sub = str(sub)
                    if sub not in current:
                        raise ConfigError(
                            f"{source}: unknown key '{sub}' in [{key}] - use one of: {', '.join(current)}"
                        )
                    merged[sub] = _number(number, f"{key}.{sub}", source)
                changes[key] = merged
            else:
                changes[key] = _number(value, key, source)
        return replace(self, **changes)


#: sections of netmap.toml that are not scoring weights
PROFILE_SECTIONS = ("me", "store", "pool", "due")
#: what the [store] section may hold: (lowest, highest) of each setting
STORE_KEYS = {"backups": (0, 100), "lock_timeout": (0, 3600)}
#: what the [me] section may hold
PROFILE_KEYS = ("name", "email", "linkedin_url", "signature", "about")


def load_profile(path: str | Path | None) -> dict[str, str]:
    """The ``[me]`` section of a netmap.toml (your name, e-mail, LinkedIn URL, signature).

    Missing file or section: an empty dict. Unknown keys or non-text values: ConfigError.
    """
    if path is None or not Path(path).is_file():
        return {}
    section = _read_toml(Path(path)).get("me", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: 'me' must be a table like [me] - fix the section")
    out = {}
    for key, value in section.items():
        if key not in PROFILE_KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' in [me] - use one of: {', '.join(PROFILE_KEYS)}")
        if not isinstance(value, str):
            raise ConfigError(f"{path}: me.{key}: must be text in quotes, got {value!r} - fix the value")
        out[key] = value
    return out


def load_store_settings(path: str | Path | None) -> dict[str, float]:
    """The ``[store]`` section of a netmap.toml: ``backups`` kept, ``lock_timeout`` seconds.

    Missing file or section: an empty dict. Unknown keys or values out of range: ConfigError.
    """
    if path is None or not Path(path).is_file():
        return {}
    section = _read_toml(Path(path)).get("store", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: 'store' must be a table like [store] - fix the section")
    out: dict[str, float] = {}
    for key, value in section.items():
        if key not in STORE_KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' in [store] - use one of: {', '.join(STORE_KEYS)}")
        lo, hi = STORE_KEYS[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not lo <= value <= hi
            or (key == "backups" and not isinstance(value, int))
        ):
            kind = "a whole number" if key == "backups" else "a number of seconds"
            raise ConfigError(f"{path}: store.{key}: must be {kind} from {lo} to {hi}, got {value!r} - fix the value")
        out[key] = value
    return out


#: allowed range of each setting: (lowest, highest, lowest excluded?); tables share one range
RANGES: dict[str, tuple[float, float, bool]] = {
    "strength": (0, 1, True), "relationship": (0, 1, True), "strength_share": (0, 1, False),
    "half_life_days": (0, 36500, True), "recency_floor": (0, 1, False), "unknown_recency": (0, 1, True),
    "introduction_default": (0, 1, True), "status": (0, 2, True), "introduced": (0, 1, True),
    "reciprocity": (1, 2, False), "track_record_step": (0, 1, False), "track_record_min": (0, 1, True),
    "track_record_max": (1, 3, False), "inferred": (0, 1, True), "inferred_full_size": (1, 1e6, False),
    "seniority": (0, 1, True),
    "office_match": (0, 1, True), "office_mismatch": (0, 1, True), "role_match": (0, 1, True),
    "role_mismatch": (0, 1, True), "reach_peak": (0.01, 1, False),
}  # fmt: skip


def _number(value: object, key: str, source: str) -> float:
    lo, hi, open_low = RANGES[key.split(".")[0]]
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) or abs(value) <= 10**15:  # a huge int would overflow a float
            number = float(value)
    ok = number is not None and math.isfinite(number) and (number > lo if open_low else number >= lo) and number <= hi
    if number is None or not ok:
        bounds = f"{'above' if open_low else 'from'} {lo:g} {'up ' if open_low else ''}to {hi:g}"
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise ConfigError(f"{source}: {key}: must be a number {bounds}, got {shown} - fix the value")
    return number


def load_weights(path: str | Path | None) -> Weights:
    """Default weights, overridden by the TOML file at ``path`` when given and present."""
    weights = Weights()
    if path is None:
        return weights
    path = Path(path)
    return weights.with_overrides(_read_toml(path), str(path))


def _read_toml(path: Path) -> dict:
    """The parsed TOML at ``path``; every failure is a one-line ConfigError naming the file.

    A UTF-8 BOM (Notepad writes one) is accepted; a pipe, device or folder is refused
    without reading; nesting deeper than :data:`MAX_DEPTH` is refused.
    """
    from .csvio import read_regular
    from .errors import DataError

    try:
        data = read_regular(path)
    except DataError as exc:
        problem = exc.problems[0]
        message, hint = {
            "file not found": ("file not found", "check the --config path"),
            "is a folder, not a file": ("is a folder", "name the TOML file"),
        }.get(problem.message, (problem.message, problem.hint))
        raise ConfigError(f"{path}: {message} - {hint}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}) - save it as UTF-8") from None
    depth = _nesting(text)
    if depth > MAX_DEPTH:
        raise ConfigError(f"{path}: nested {depth} levels deep (netmap reads at most {MAX_DEPTH}) - "
                          "keep settings as key = value lines under [sections]")  # fmt: skip
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}) - fix the syntax") from None
    except RecursionError:  # pragma: no cover - _nesting refuses such files first
        raise ConfigError(f"{path}: nested too deeply - simplify it") from None


#: deepest nesting of arrays and inline tables netmap.toml may use (netmap needs 2)
MAX_DEPTH = 50


def _nesting(text: str) -> int:
    """An upper bound of the bracket nesting of TOML text (brackets inside strings count too).

    >>> _nesting("a = [[1], {b = [2]}]")
    3
    """
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return deepest
