"""The deployment tests: nginx (TLS, from the README's sample) -> streetvoice serve (gunicorn,
production settings, 2 workers) -> a TCP forwarder -> PostgreSQL, with Redis for the limits.

They need PostgreSQL (production refuses SQLite), so they run in the PostgreSQL half of
`make test` (pg_virtualenv) and are deselected from the SQLite half (`-m "not deploy"`; every module here is marked `deploy`). They
need nginx and redis-server (.ci/run installs both). In CI (CI=true) nothing here may skip:
a missing piece fails the run instead.
"""
import io
import os
import secrets

import psycopg
import pytest

from tests.conftest import IN_CI, ON_POSTGRES
from tests.deploy import browser, stack


def _missing():
    problems = []
    if not ON_POSTGRES:
        problems.append("PostgreSQL (they run in the PostgreSQL half of make test: "
                        "pg_virtualenv -v 15 env STREETVOICE_TEST_DATABASE=postgresql ...)")
    for tool, package in (("nginx", "nginx-light"), ("redis-server", "redis-server")):
        if stack.find_tool(tool) is None:
            problems.append(f"{tool} (apt-get install {package})")
    return problems


@pytest.fixture(autouse=True)
def _close_browsers():
    yield
    browser.close_browsers()


@pytest.fixture(scope="session")
def requirements():
    missing = _missing()
    if missing:
        message = "the deployment tests need " + "; ".join(missing)
        if IN_CI:
            pytest.fail(message + " and in CI they may not be skipped")
        pytest.skip(message)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory, requirements):
    directory = tmp_path_factory.mktemp("deploy")
    directory.chmod(0o700)
    return directory


@pytest.fixture(scope="session")
def certificates(workdir):
    return stack.make_certificate(workdir)


@pytest.fixture(scope="session")
def redis_server(workdir):
    redis = stack.Redis(workdir)
    redis.start()
    yield redis
    redis.stop()


class PostgresDatabase:
    """A database of its own on pg_virtualenv's server (PG* variables), reached directly by the
    test and through a forwarder it can cut by the app."""

    def __init__(self):
        self.name = "streetvoice_deploy_" + secrets.token_hex(4)
        with psycopg.connect(autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        host = os.environ.get("PGHOST", "localhost")
        self.forwarder = stack.Forwarder("127.0.0.1" if host in ("localhost", "") else host,
                                         int(os.environ.get("PGPORT", "5432")))
        self.url = f"postgresql+psycopg://127.0.0.1:{self.forwarder.port}/{self.name}"  # user, password: PG*
        self.direct_url = f"postgresql+psycopg:///{self.name}"

    def rows(self, sql, *params):
        with psycopg.connect(dbname=self.name) as conn:
            return conn.execute(sql, params).fetchall()

    def value(self, sql, *params):
        return self.rows(sql, *params)[0][0]

    def drop(self):
        self.forwarder.stop()
        with psycopg.connect(autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


STREETS = """street,area,postcode_district
Grange Road,Middlefield,TS1
Albert Terrace,Middlefield,TS1
Cleveland Street,Gresham,TS3
"""


def prepare(database):
    """Migrate and load a survey with a round open whatever the date, streets and an analyst,
    in this process (a test-profile app on the same database: faster than four CLI runs)."""
    from flask_migrate import upgrade

    from portal import create_app
    from portal.extensions import db
    from surveys import services
    from surveys.streets import import_streets
    from tests.conftest import PASSWORD, make_officer, open_definition

    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": database.direct_url,
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        upgrade()
        import_streets(io.StringIO(STREETS))
        services.store_definition(open_definition())
        make_officer("analyst", email="analyst@example.police.uk", name="Analyst Test")
        db.session.remove()
        db.engine.dispose()
    return PASSWORD


@pytest.fixture(scope="session")
def database(requirements):
    database = PostgresDatabase()
    database.password = prepare(database)
    yield database
    database.drop()


class Deployment:
    def __init__(self, server, nginx, redis, database, ca_file):
        self.server, self.nginx, self.redis, self.database, self.ca_file = server, nginx, redis, database, ca_file

    def browser(self, **kwargs):
        return browser.Browser(self.nginx.https_port, self.ca_file, **kwargs)

    def street_id(self, name="Grange Road"):
        return self.database.value("SELECT id FROM street WHERE name = %s", name)

    def log_lines(self):
        return self.server.log_lines() + self.nginx.log_lines()


def deploy(workdir, database, redis, certificates, database_url=None, **settings):
    ca, certificate, key = certificates
    server = stack.Server(workdir, database_url or database.url, redis.url, **settings)
    server.start()
    directory = workdir / f"nginx-{server.port}"
    directory.mkdir()
    nginx = stack.Nginx(directory, server.port, certificate, key)
    nginx.start()
    return Deployment(server, nginx, redis, database, ca)


@pytest.fixture(scope="session")
def deployment(workdir, database, redis_server, certificates):
    """The production stack the proxy and fault tests share: submissions limited to 3 an hour
    per client, so a test can reach the limit."""
    deployed = deploy(workdir, database, redis_server, certificates, SUBMIT_RATE_LIMIT="3 per hour")
    yield deployed
    deployed.nginx.stop()
    deployed.server.stop()
