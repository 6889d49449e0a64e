"""What the editor's settings add on top of the discovered configuration.

    {"select": ["NL1"], "ignore": ["NL503"], "unsafeFixes": false, "run": "onType"}

They arrive as initializationOptions and with workspace/didChangeConfiguration,
either as that object or under an "nlclean" key. `select`, `ignore` and
`unsafeFixes` mean what `--select`, `--ignore` and `--unsafe-fixes` mean on
the command line; `run` says when to lint: on every change ("onType") or
when the file is saved ("onSave").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from nlclean.rules import BY_CODE, BY_NAME
from nlclean.settings import Settings

RUN_MODES = ("onType", "onSave")


def _known(selector: str) -> bool:
    s = selector.strip()
    return s.upper() == "ALL" or s in BY_NAME or any(code.startswith(s.upper()) for code in BY_CODE)


@dataclass(frozen=True)
class ClientSettings:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    unsafe_fixes: bool | None = None
    run: str = "onType"
    problems: tuple[str, ...] = field(default=(), compare=False)  # what was not understood

    @classmethod
    def parse(cls, raw) -> "ClientSettings":
        if not isinstance(raw, dict):
            return cls()
        if isinstance(raw.get("nlclean"), dict):
            raw = raw["nlclean"]
        problems: list[str] = []

        def selectors(key: str) -> tuple[str, ...] | None:
            value = raw.get(key)
            if value is None:
                return None
            if isinstance(value, str):
                value = [v for v in value.split(",") if v.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"'{key}' must be a list of rule codes, prefixes or names")
                return None
            unknown = [v for v in value if not _known(v)]
            if unknown:
                problems.append(f"'{key}': unknown rule selector(s) {', '.join(unknown)} (see `nlclean rules`)")
            return tuple(v.strip() for v in value if _known(v))

        unsafe = raw.get("unsafeFixes", raw.get("unsafe-fixes"))
        if unsafe is not None and not isinstance(unsafe, bool):
            problems.append("'unsafeFixes' must be true or false")
            unsafe = None
        run = raw.get("run", "onType")
        if run not in RUN_MODES:
            problems.append(f"'run' must be one of {', '.join(RUN_MODES)}")
            run = "onType"
        return cls(selectors("select"), selectors("ignore"), unsafe, run, tuple(problems))

    def apply(self, settings: Settings) -> Settings:
        return settings.with_overrides(select=self.select, ignore=self.ignore, unsafe_fixes=self.unsafe_fixes)
