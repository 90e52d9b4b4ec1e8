"""Username and password, and TLS with a CA and a client certificate, against Mosquitto set up for them."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from homeassist.act.plan import plan_intent
from homeassist.reply import CommandStatus
from homeassist.understand.intent import Action, Intent
from tests.conftest import Broker
from tests.test_bridge_support import Client, bridge_config, running_bridge, start_broker, until, within

pytestmark = pytest.mark.asyncio(loop_scope="session")

LAMP = {"id": "secure_lamp", "type": "light", "mqtt": {"confirm": False}}


def _run(*args: str, cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True, timeout=60)


@dataclass
class Certificates:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    other_ca: Path


def _make_ca(directory: Path, name: str) -> tuple[Path, Path]:
    _run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
         "-keyout", f"{name}.key", "-out", f"{name}.crt", cwd=directory)
    return directory / f"{name}.crt", directory / f"{name}.key"


def _sign(directory: Path, name: str, ca: str, extensions: str) -> None:
    _run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}", "-keyout", f"{name}.key",
         "-out", f"{name}.csr", cwd=directory)
    (directory / f"{name}.ext").write_text(extensions)
    _run("openssl", "x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.crt", "-CAkey", f"{ca}.key",
         "-CAcreateserial", "-days", "2", "-extfile", f"{name}.ext", "-out", f"{name}.crt", cwd=directory)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test certificates; install it (apt-get install openssl)")
    directory = tmp_path_factory.mktemp("tls")
    ca, _ = _make_ca(directory, "test-ca")
    other_ca, _ = _make_ca(directory, "other-ca")
    _sign(directory, "server", "test-ca", "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _sign(directory, "client", "test-ca", "extendedKeyUsage=clientAuth\n")
    return Certificates(ca, directory / "server.crt", directory / "server.key", directory / "client.crt",
                        directory / "client.key", other_ca)


@pytest.fixture
def password_broker(tmp_path: Path) -> Iterator[Broker]:
    passwords = tmp_path / "passwords"
    executable = shutil.which("mosquitto_passwd") or "/usr/bin/mosquitto_passwd"
    _run(executable, "-b", "-c", str(passwords), "homeassist", "correct horse", cwd=tmp_path)
    broker = start_broker(tmp_path, f"allow_anonymous false\npassword_file {passwords}\n")
    yield broker
    broker.stop()


@pytest.fixture
def tls_broker(tmp_path: Path, certificates: Certificates) -> Iterator[Broker]:
    broker = start_broker(tmp_path, f"cafile {certificates.ca}\ncertfile {certificates.server_cert}\n"
                                    f"keyfile {certificates.server_key}\nrequire_certificate true\n"
                                    "allow_anonymous true\n")
    yield broker
    broker.stop()


async def test_password_accepted(password_broker: Broker) -> None:
    watcher = Client(password_broker.port, ("zigbee2mqtt/secure_lamp/set",), username="homeassist",
                     password="correct horse")
    config = bridge_config(password_broker.port, [LAMP], username="homeassist", password="correct horse")
    try:
        async with running_bridge(config) as bridge:
            plan = plan_intent(Intent(Action.TURN_ON, ("secure_lamp",)), bridge.merged_config(), bridge.states)
            results = await within(bridge.execute(plan))
            watcher.publish("zigbee2mqtt/secure_lamp", json.dumps({"state": "ON"}))
            assert await until(lambda: bridge.states.get("secure_lamp") is not None)
        assert await until(lambda: len(watcher.on_topic("zigbee2mqtt/secure_lamp/set")) == 1)
    finally:
        watcher.close()

    assert [r.status for r in results] == [CommandStatus.SENT]


@pytest.mark.parametrize("password", ["wrong", None])
async def test_password_rejected(password_broker: Broker, password: str | None,
                                 caplog: pytest.LogCaptureFixture) -> None:
    config = bridge_config(password_broker.port, [LAMP], username="homeassist" if password else None,
                           password=password)
    async with running_bridge(config, connect=False) as bridge:
        connected = await bridge.wait_connected(1.5)
        plan = plan_intent(Intent(Action.TURN_ON, ("secure_lamp",)), bridge.merged_config(), bridge.states)
        results = await within(bridge.execute(plan))

    assert connected is False
    assert [r.status for r in results] == [CommandStatus.NOT_SENT]
    assert any("not authori" in r.getMessage().lower() for r in caplog.records), "the reason is logged"


async def test_tls_with_client_certificate(tls_broker: Broker, certificates: Certificates) -> None:
    tls = {"ca_file": str(certificates.ca), "cert_file": str(certificates.client_cert),
           "key_file": str(certificates.client_key)}
    config = bridge_config(tls_broker.port, [LAMP], tls=tls)
    async with running_bridge(config) as bridge:
        plan = plan_intent(Intent(Action.TURN_ON, ("secure_lamp",)), bridge.merged_config(), bridge.states)
        results = await within(bridge.execute(plan))
        assert bridge.link is not None
        connects = bridge.link.connect_count

    assert [r.status for r in results] == [CommandStatus.SENT]
    assert connects == 1


@pytest.mark.parametrize("case", ["no client certificate", "unknown CA"])
async def test_tls_rejected(tls_broker: Broker, certificates: Certificates, case: str) -> None:
    if case == "unknown CA":
        tls = {"ca_file": str(certificates.other_ca), "cert_file": str(certificates.client_cert),
               "key_file": str(certificates.client_key)}
    else:
        tls = {"ca_file": str(certificates.ca)}
    async with running_bridge(bridge_config(tls_broker.port, [LAMP], tls=tls), connect=False) as bridge:
        connected = await bridge.wait_connected(1.5)

    assert connected is False
