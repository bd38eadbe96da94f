"""Run a command against a throwaway PostgreSQL cluster.

    python -m tests.postgres -- python -m pytest

Starts a private cluster with the machine's ``initdb``/``pg_ctl`` on 127.0.0.1 and a free
port, exports ``DATABASE_URL`` for the command, and removes the cluster afterwards. ``initdb``
refuses to run as root, so as root the server runs as the ``postgres`` system user.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def find_binary(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    raise SystemExit(f"{name} not found: install the PostgreSQL server (postgresql-15).")


def free_port():
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def postgres_cluster():
    """Yield a DATABASE_URL for a fresh cluster; stop and delete it on exit."""
    workdir = tempfile.mkdtemp(prefix="sohoa-pg-")
    datadir = os.path.join(workdir, "data")
    if os.geteuid() == 0:
        shutil.chown(workdir, user="postgres")
        os.chmod(workdir, 0o700)
    port = free_port()
    logfile = os.path.join(workdir, "server.log")
    subprocess.run(
        as_server_user(
            [
                find_binary("initdb"),
                "-D",
                datadir,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = (
        f"-p {port} -c listen_addresses=127.0.0.1 -k {workdir} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    subprocess.run(
        as_server_user(
            [
                find_binary("pg_ctl"),
                "-D",
                datadir,
                "-o",
                options,
                "-l",
                logfile,
                "-w",
                "-t",
                "60",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/sohoa"
    finally:
        subprocess.run(
            as_server_user([find_binary("pg_ctl"), "-D", datadir, "-m", "fast", "-w", "stop"]),
            stdout=subprocess.DEVNULL,
            check=False,
        )
        time.sleep(0.2)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv):
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        raise SystemExit("usage: python -m tests.postgres -- COMMAND [ARGS…]")
    with postgres_cluster() as database_url:
        print(f"PostgreSQL test cluster: {database_url}", flush=True)
        env = {**os.environ, "DATABASE_URL": database_url}
        return subprocess.call(argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
