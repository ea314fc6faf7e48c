"""README.md as a contract: every query field, setting and CLI command the code has is documented.

Each list is read from the code itself (the query parser's field table, the settings model, the real
argparse parser), so a new field, setting or command without a README line fails here. A failure
lists everything missing at once.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def code_texts(text: str) -> list[str]:
    """The README's code: fenced blocks and inline ``code`` spans (outside the fences)."""
    blocks = _FENCE.findall(text)
    prose = _FENCE.sub("", text)
    return blocks + [m.group(2) for m in _INLINE.finditer(prose)]


# --- query fields ----------------------------------------------------------------------------
def query_field_prefixes() -> list[str]:
    from search_engine.query import FIELDS

    return sorted(FIELDS)


def missing_query_fields(text: str) -> list[str]:
    """Field prefixes not shown as ``prefix:`` in README code (``ky:`` inside ``nguoi_ky:`` does not count)."""
    code = "\n".join(code_texts(text))
    return [f"{p}:" for p in query_field_prefixes() if not re.search(rf"(?<![\w]){re.escape(p)}:", code)]


# --- settings --------------------------------------------------------------------------------
def _alias_names(alias: object) -> list[str]:
    from pydantic import AliasChoices, AliasPath

    if isinstance(alias, str):
        return [alias]
    if isinstance(alias, AliasPath):
        return [str(alias.path[0])]
    if isinstance(alias, AliasChoices):
        return [n for choice in alias.choices for n in _alias_names(choice)][:1]
    return []


def setting_env_names(model: type[BaseSettings] | None = None) -> list[str]:
    """The environment variable each field is read from, as pydantic-settings derives it.

    A field with an alias is read from the alias (the first choice is the one to document), with no
    prefix; otherwise from ``env_prefix`` + field name. Case-insensitive settings are documented in
    upper case.
    """
    if model is None:
        from sulieu.settings import Settings

        model = Settings
    config = model.model_config
    prefix = config.get("env_prefix", "") or ""
    names = []
    for name, info in model.model_fields.items():
        aliases = _alias_names(info.validation_alias) or _alias_names(info.alias)
        env = aliases[0] if aliases else prefix + name
        names.append(env if config.get("case_sensitive") else env.upper())
    return names


def missing_settings(text: str, model: type[BaseSettings] | None = None) -> list[str]:
    return [n for n in setting_env_names(model) if not re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", text)]


# --- CLI commands ----------------------------------------------------------------------------
def _commands(parser: argparse.ArgumentParser, prefix: str) -> list[str]:
    found = []
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        seen: set[int] = set()
        for name, sub in action.choices.items():  # an alias maps to the same parser: document its first name
            if id(sub) in seen:
                continue
            seen.add(id(sub))
            command = f"{prefix} {name}"
            nested = _commands(sub, command)
            found += nested or [command]
    return found


def cli_commands() -> list[str]:
    """``sulieu COMMAND`` for every registered subcommand, down to the leaves (``sulieu user add``)."""
    from sulieu_cli.main import build_parser

    return _commands(build_parser(), "sulieu")


def missing_cli_commands(text: str) -> list[str]:
    return [c for c in cli_commands() if not re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text)]


# --- the contract ----------------------------------------------------------------------------
def test_every_query_field_is_documented() -> None:
    missing = missing_query_fields(_readme())
    assert not missing, f"README.md không nói đến trường tìm kiếm (viết `trường:` trong mã): {', '.join(missing)}"


def test_every_setting_is_documented() -> None:
    missing = missing_settings(_readme())
    assert not missing, f"README.md thiếu biến môi trường: {', '.join(missing)}"


def test_every_cli_command_is_documented() -> None:
    missing = missing_cli_commands(_readme())
    assert not missing, f"README.md thiếu lệnh: {', '.join(missing)}"


# --- each checker can fail -------------------------------------------------------------------
def test_query_field_checker_reports_an_undocumented_field() -> None:
    prefixes = query_field_prefixes()
    assert {"so", "noi", "nam", "ky"} <= set(prefixes)
    fake = "\n".join(f"| `{p}:...` | x |" for p in prefixes if p != "ky")
    fake += "\nky: written as prose, and `nguoi_ky:` is another field\n"
    assert missing_query_fields(fake) == ["ky:"]


def test_settings_checker_reports_an_undocumented_variable() -> None:
    names = setting_env_names()
    assert "SULIEU_ARCHIVE" in names and all(n.startswith("SULIEU_") for n in names)
    fake = "\n".join(f"`{n}`" for n in names if n != "SULIEU_PORT") + "\n`SULIEU_PORTS`\n"
    assert missing_settings(fake) == ["SULIEU_PORT"]


def test_settings_names_follow_aliases_and_prefix() -> None:
    from pydantic import AliasChoices, Field
    from pydantic_settings import SettingsConfigDict

    class Fake(BaseSettings):
        model_config = SettingsConfigDict(env_prefix="X_")
        plain: int = 1
        renamed: int = Field(1, validation_alias="OTHER_NAME")
        either: int = Field(1, validation_alias=AliasChoices("first_name", "second_name"))

    assert setting_env_names(Fake) == ["X_PLAIN", "OTHER_NAME", "FIRST_NAME"]
    assert missing_settings("`X_PLAIN` `FIRST_NAME`", Fake) == ["OTHER_NAME"]


def test_cli_checker_reports_an_undocumented_command() -> None:
    commands = cli_commands()
    assert {"sulieu ingest", "sulieu search", "sulieu user add"} <= set(commands)
    fake = "\n".join(f"{c} ARG" for c in commands if c != "sulieu search") + "\nsulieu search-all\n"
    assert missing_cli_commands(fake) == ["sulieu search"]
