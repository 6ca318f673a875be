"""`streetvoice serve`'s gunicorn settings and logging, and the README's systemd units naming
only commands that exist. The server itself runs in tests/deploy."""
import json
import logging
import os
import re
from pathlib import Path

import pytest

from portal import create_app, serving

README = Path(__file__).resolve().parent.parent / "README.md"


def app_with(**settings):
    return create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://", **settings})


def test_serve_settings_for_a_live_service():
    options = serving.options(app_with(STREETVOICE_PROXIES=1))
    cores = len(os.sched_getaffinity(0))
    assert options["workers"] == 2 * cores + 1 and options["worker_class"] == "sync"
    assert options["bind"] == ["127.0.0.1:8000"]
    assert (options["timeout"], options["graceful_timeout"]) == (30, 30)
    assert options["max_requests"] > 0 and options["max_requests_jitter"] > 0
    assert options["accesslog"] is None and options["logger_class"] is serving.GunicornLogger
    assert options["forwarded_allow_ips"] == "*"
    assert serving.options(app_with(STREETVOICE_PROXIES=0))["forwarded_allow_ips"] == ""
    chosen = serving.options(app_with(), workers=3, bind="10.0.0.2:9000")
    assert (chosen["workers"], chosen["bind"]) == (3, ["10.0.0.2:9000"])


def test_every_setting_is_one_gunicorn_knows():
    from gunicorn.config import Config
    known = Config().settings
    unknown = set(serving.options(app_with())) - set(known) - {"control_socket_disable"}
    assert not unknown


def test_gunicorn_lines_are_json_without_addresses_or_query_strings(capsys):
    from gunicorn.config import Config
    config = Config()
    config.set("errorlog", "-")
    logger = serving.GunicornLogger(config)
    logger.warning("Invalid request from ip=203.0.113.5: Invalid HTTP method")
    logger.error("Error handling request GET /survey/street-impact/questions/your-street?district=TS1+2")
    logger.access(None, None, {"REMOTE_ADDR": "203.0.113.5"}, None)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["logger"] for line in lines] == ["gunicorn.error", "gunicorn.error"]
    text = json.dumps(lines)
    assert "203.0.113.5" not in text and "TS1" not in text and "district" not in text
    assert lines[1]["message"] == "Error handling request GET /survey/street-impact/questions/your-street?[query removed]"
    for handler in logging.getLogger("gunicorn.error").handlers[:]:
        logging.getLogger("gunicorn.error").removeHandler(handler)


def test_serve_refuses_to_run_inside_an_app_context_of_the_app_it_serves():
    app = app_with()
    with app.app_context(), pytest.raises(RuntimeError, match="must not run inside an app context"):
        serving.serve(app, workers=1, bind="127.0.0.1:1")


def test_the_readme_systemd_units_run_commands_that_exist(app):
    readme = README.read_text(encoding="utf-8")
    commands = re.findall(r"/srv/streetvoice/\.venv/bin/streetvoice ([a-z -]+?)(?: /| --|'|$)", readme, re.M)
    assert {"serve", "drafts purge", "retention run", "backup"} <= set(commands)
    runner = app.test_cli_runner()
    for command in set(commands):
        result = runner.invoke(args=[*command.split(), "--help"])
        assert result.exit_code == 0, (command, result.output)
    units = readme[readme.index("# streetvoice.service"):]
    assert "EnvironmentFile=/etc/streetvoice/env" in units and "OnCalendar=hourly" in units
