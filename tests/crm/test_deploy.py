"""The production topology and settings (SPEC §6, §7) hold together.

``docker compose config`` needs Docker's compose plugin, which CI does not have; the
compose file is validated instead against the Compose specification's JSON schema
(``data/compose_spec.json``, from docker-compose 1.29.2, Apache-2.0) plus the
checks that matter to us.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).with_name("data") / "compose_spec.json"


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_compose_file_is_valid_against_the_compose_specification():
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft201909Validator(schema).validate(_compose())


def test_web_worker_and_beat_share_one_image_and_the_services_they_need_exist():
    services = _compose()["services"]
    assert set(services) >= {"web", "worker", "beat", "postgres", "redis", "mail"}
    app = [services[name] for name in ("web", "worker", "beat")]
    assert len({json.dumps(s["build"]) for s in app}) == 1
    assert len({s["image"] for s in app}) == 1
    assert all(s["environment"]["DJANGO_ENV"] == "production" for s in app)
    assert "celery -A crm worker" in services["worker"]["command"]
    assert "celery -A crm beat" in services["beat"]["command"]
    for name in ("web", "postgres", "redis"):
        assert "healthcheck" in services[name], name


def test_every_setting_read_from_the_environment_is_listed_in_env_example():
    settings_source = (ROOT / "crm" / "settings.py").read_text()
    read = set(re.findall(r'env(?:_\w+|\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', settings_source))
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read, "no environment variables found in settings"
    assert read - listed == set()


def test_check_deploy_is_clean_with_production_settings():
    # Browser tests allow async-unsafe ORM use in this process; production must not inherit it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://crm@db.invalid:5432/crm",
        "CELERY_BROKER_URL": "redis://redis.invalid:6379/0",
        "ALLOWED_HOSTS": "crm.city.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _dockerignored(path: str, patterns: list[str]) -> bool:
    """Docker's .dockerignore rules, as far as this file uses them: the last matching
    pattern wins, ``!`` re-includes, a pattern matches a path or any folder above it."""
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for raw in patterns:
        negate = raw.startswith("!")
        pattern = raw.removeprefix("!").strip("/")
        patterns_to_try = [pattern, pattern.removeprefix("**/")]
        if any(fnmatch.fnmatchcase(c, p) for c in candidates for p in patterns_to_try):
            ignored = not negate
    return ignored


def test_the_image_build_context_leaves_out_secrets_and_local_data():
    """No Docker here, so the .dockerignore patterns are checked against the tree."""
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    for secret in (
        ".env",
        ".env.production",
        ".data/postgres/PG_VERSION",
        ".data/backups/crm-20250101-000000.dump",
        ".data/demo-passwords.json",
        ".venv/bin/python",
        ".git/config",
        "crm/__pycache__/settings.cpython-311.pyc",
    ):
        assert _dockerignored(secret, patterns), secret
    for needed in ("manage.py", "crm/settings.py", "pyproject.toml", ".env.example", "static"):
        assert not _dockerignored(needed, patterns), needed


def test_only_the_proxy_reaches_the_web_port():
    """Production trusts X-Forwarded-Proto: the app's ports listen on loopback only."""
    for name, service in _compose()["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port}"
