"""The production topology and settings (SPEC §6, §7) hold together.

``docker compose config`` needs Docker's compose plugin, which CI does not have; the
compose file is validated instead against the Compose specification's JSON schema
(``data/compose_spec.json``, from docker-compose 1.29.2, Apache-2.0) plus the
checks that matter to us.
"""

from __future__ import annotations

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
