"""A real single-node SLURM cluster on this machine, for tests: munge, slurmctld and slurmd (and, for accounting
storage, MariaDB and slurmdbd) started as child processes of the test, configured in a temporary folder, talking
only to localhost, and stopped again, exactly these processes, however the test ends.

    with SlurmCluster(accounting=True) as cluster:
        subprocess.run([...], env=cluster.env)   # SLURM_CONF points at the generated slurm.conf

Needs root (slurmd starts jobs as their user) and Debian 12's `slurm-wlm` and `munge` (and `slurmdbd`,
`mariadb-server` for accounting). `SlurmCluster.unavailable()` says why the cluster cannot run here, after trying
to install missing packages with apt-get; `.ci/run` installs them on CI machines.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PACKAGES = {"munged": "munge", "slurmctld": "slurm-wlm", "slurmd": "slurm-wlm", "sbatch": "slurm-wlm"}
ACCOUNTING_PACKAGES = {"slurmdbd": "slurmdbd", "mariadbd": "mariadb-server"}
INSTALL_TIMEOUT = 600  # seconds; apt waits for another apt (or dpkg) to finish first
START_TIMEOUT = 60  # seconds for each daemon to answer
PARTITION = "debug"
CLIENT_COMMANDS = ("sbatch", "srun", "squeue", "sacct", "sacctmgr", "scancel", "scontrol", "sinfo", "sshare")


class ClusterError(RuntimeError):
    """The cluster did not come up; the message carries the daemon's log."""


def _missing(accounting: bool) -> list[str]:
    wanted = PACKAGES | (ACCOUNTING_PACKAGES if accounting else {})
    return sorted({package for program, package in wanted.items() if not _which(program)})


def _which(program: str) -> str | None:
    return shutil.which(program, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")


def install(packages: list[str]) -> str | None:
    """apt-get install the packages, without starting their services (the tests start their own daemons); why
    not, if it fails."""
    if not shutil.which("apt-get"):
        return f"{', '.join(packages)} missing, and no apt-get to install them"
    policy = Path("/usr/sbin/policy-rc.d")  # Debian's way to keep package scripts from starting services
    own_policy = not policy.exists()
    if own_policy:
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    command = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "-qq", "--no-install-recommends",
               *packages]
    try:
        for attempt in (command, ["apt-get", "update", "-qq"], command):  # the package lists may be missing
            result = subprocess.run(attempt, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False,
                                    env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            if attempt is command and result.returncode == 0:
                return None
    except subprocess.TimeoutExpired:
        return f"`{' '.join(command)}` took longer than {INSTALL_TIMEOUT} s"
    finally:
        if own_policy:
            policy.unlink()
    return f"`{' '.join(command)}` failed: {(result.stderr or result.stdout).strip()[-500:]}"


def _terminate(pid: int, wait, *, group: bool = True) -> None:
    """SIGTERM, then SIGKILL if still there after 20 s: a process (or process group) of this cluster."""
    kill = os.killpg if group else os.kill
    for sig, patience in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            kill(pid, sig)
        except ProcessLookupError:
            return
        try:
            return wait(timeout=patience)
        except subprocess.TimeoutExpired:
            continue


def _wait_gone(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists():
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(str(pid), timeout)
        time.sleep(0.1)


def _free_ports(count: int) -> list[int]:
    """Ports nothing listens on now, all different (held open together while chosen)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


class SlurmCluster:
    """One node (this machine, sized from its CPUs and memory), one partition, state in a temporary folder."""

    node = "tipgms-node"

    def __init__(self, *, accounting: bool):
        self.accounting = accounting
        self.name = "tipgms"  # the cluster's name in SLURM and in the accounting database
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.root: Path | None = None

    @staticmethod
    def unavailable(*, accounting: bool) -> str | None:
        """Why no cluster can run here (None: it can), after installing missing packages if we may."""
        if os.name != "posix" or not Path("/proc").is_dir():
            return "a SLURM cluster needs Linux"
        if os.geteuid() != 0:
            return "starting slurmd and munged needs root"
        if missing := _missing(accounting):
            return install(missing)
        return None

    # -- start and stop ---------------------------------------------------------------------------------------

    def __enter__(self) -> SlurmCluster:
        self.root = Path(tempfile.mkdtemp(prefix="tip-gms-slurm-"))
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def conf(self) -> Path:
        return self.root / "slurm.conf"

    @property
    def env(self) -> dict[str, str]:
        """The environment for SLURM commands (and the workflow) to use this cluster, and only this one."""
        return {**os.environ, "SLURM_CONF": str(self.conf), "PATH": f"{self.root / 'bin'}:{os.environ['PATH']}"}

    def _write_client_commands(self) -> None:
        """SLURM's commands, each bound to this cluster's slurm.conf. Jobs need them: the executor plugin runs each
        rule through `srun` with every SLURM_* variable but a few removed, SLURM_CONF included, so a bare srun
        would look for /etc/slurm/slurm.conf (a real cluster's place, which a test must not touch)."""
        for command in CLIENT_COMMANDS:
            wrapper = self.root / "bin" / command
            wrapper.write_text(f'#!/bin/sh\nSLURM_CONF={self.conf} exec {_which(command)} "$@"\n')
            wrapper.chmod(0o755)

    def _start(self) -> None:
        started = time.monotonic()
        # controller, node, slurmdbd, MariaDB: free now (another test run on this machine may start its own)
        self.controller_port, self.node_port, self.dbd_port, self.db_port = _free_ports(4)
        for folder in ("state", "spool", "log", "munge", "bin"):
            (self.root / folder).mkdir()
        self._write_client_commands()
        self._start_munge()
        if self.accounting:
            self._start_database()
            self._start_slurmdbd()
        self._write_slurm_conf()
        self._spawn("slurmctld", [_which("slurmctld"), "-D", "-f", str(self.conf)])
        self._wait("slurmctld answering", lambda: self.run("scontrol", "ping").returncode == 0)
        self._spawn("slurmd", [_which("slurmd"), "-D", "-f", str(self.conf), "-N", self.node])
        self._wait("the node idle", self._node_idle)
        self.startup_seconds = time.monotonic() - started

    def stop(self) -> None:
        """Cancel this cluster's jobs, stop the daemons this object started (newest first) and the job steps their
        slurmd forked, and remove the cluster's folder."""
        if self.root is None:
            return
        try:
            if any(name == "slurmctld" and process.poll() is None for name, process in self.processes):
                self.run("scancel", "--full", f"--partition={PARTITION}")
                self._wait("no job left", lambda: not self.run("squeue", "--noheader").stdout.strip(), fail=False,
                           timeout=15)
        except subprocess.TimeoutExpired:
            pass  # the controller does not answer; its daemons are stopped all the same
        for _, process in reversed(self.processes):
            if process.poll() is None:
                _terminate(process.pid, process.wait)
        self.processes.clear()
        # slurmstepd detaches from slurmd: find the ones left (and their jobs) by this cluster's SLURM_CONF
        for pid in self._processes_of_this_cluster():
            _terminate(pid, lambda timeout, pid=pid: _wait_gone(pid, timeout), group=False)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def _processes_of_this_cluster(self) -> list[int]:
        marker = f"SLURM_CONF={self.conf}".encode()
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != os.getpid():
                try:
                    if marker in (entry / "environ").read_bytes().split(b"\0"):
                        found.append(int(entry.name))
                except OSError:  # gone meanwhile, or not ours to read
                    pass
        return found

    def run(self, *command: str, timeout: float = 30) -> subprocess.CompletedProcess:
        """A SLURM command (sinfo, squeue, scancel, sacct, ...) run against this cluster."""
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=self.env, check=False)

    def _spawn(self, name: str, command: list[str]) -> None:
        # A session of its own: stop() signals the daemon's whole process group, and nothing else.
        with (self.root / "log" / f"{name}.out").open("w") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True, env=self.env, cwd=self.root)
        self.processes.append((name, process))

    def _wait(self, what: str, ready, *, timeout: float = START_TIMEOUT, fail: bool = True) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes:
                if process.poll() is not None and fail:
                    raise ClusterError(f"{name} exited with {process.returncode} while waiting for {what}:\n"
                                       + self.logs())
            if ready():
                return True
            time.sleep(0.2)
        if fail:
            raise ClusterError(f"timed out after {timeout} s waiting for {what}:\n" + self.logs())
        return False

    def logs(self) -> str:
        """The end of every daemon's log, for error messages."""
        parts = []
        for path in sorted((self.root / "log").glob("*")):
            parts.append(f"--- {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-30:]))
        return "\n".join(parts)

    # -- munge --------------------------------------------------------------------------------------------

    def _start_munge(self) -> None:
        folder = self.root / "munge"
        folder.chmod(0o755)  # munged wants its socket reachable by every user
        self.munge_socket = folder / "munge.socket"
        key = folder / "munge.key"
        key.write_bytes(os.urandom(128))
        key.chmod(0o400)
        self._spawn("munged", [_which("munged"), "--foreground", "--force", f"--socket={self.munge_socket}",
                               f"--key-file={key}", f"--pid-file={folder / 'munged.pid'}",
                               f"--log-file={self.root / 'log' / 'munged.log'}",
                               f"--seed-file={folder / 'munged.seed'}"])
        self._wait("munged's socket", self.munge_socket.exists)

    # -- accounting storage: MariaDB and slurmdbd ----------------------------------------------------------

    def _start_database(self) -> None:
        data = self.root / "mysql"
        initialized = subprocess.run(
            [_which("mariadb-install-db"), "--no-defaults", f"--datadir={data}", "--user=root",
             "--auth-root-authentication-method=normal", "--skip-test-db"],
            capture_output=True, text=True, timeout=120, check=False)
        if initialized.returncode != 0:
            raise ClusterError(f"mariadb-install-db failed:\n{initialized.stdout}\n{initialized.stderr}")
        self.db_socket = self.root / "mysql.sock"
        # --skip-grant-tables: no passwords; nothing but this test can reach it (127.0.0.1, a free port).
        self._spawn("mariadbd", [_which("mariadbd"), "--no-defaults", f"--datadir={data}", "--user=root",
                                 "--bind-address=127.0.0.1", f"--port={self.db_port}", f"--socket={self.db_socket}",
                                 "--skip-grant-tables", "--innodb-buffer-pool-size=64M",
                                 "--innodb-lock-wait-timeout=900", f"--pid-file={self.root / 'mysql.pid'}"])
        self._wait("MariaDB", lambda: self.db_socket.exists())

    def _start_slurmdbd(self) -> None:
        dbd_conf = self.root / "slurmdbd.conf"  # beside slurm.conf: slurmdbd looks for it there
        dbd_conf.write_text("\n".join([
            "AuthType=auth/munge", f"AuthInfo=socket={self.munge_socket}",
            "DbdHost=localhost", "DbdAddr=127.0.0.1", f"DbdPort={self.dbd_port}", "SlurmUser=root",
            f"PidFile={self.root / 'slurmdbd.pid'}", f"LogFile={self.root / 'log' / 'slurmdbd.log'}",
            "StorageType=accounting_storage/mysql", "StorageHost=127.0.0.1", f"StoragePort={self.db_port}",
            "StorageUser=root", "StorageLoc=slurm_acct_db", "",
        ]))
        dbd_conf.chmod(0o600)
        self._write_slurm_conf()  # slurmdbd reads the cluster's slurm.conf too
        self._spawn("slurmdbd", [_which("slurmdbd"), "-D"])
        self._wait("slurmdbd", lambda: self.run("sacctmgr", "-n", "list", "cluster").returncode == 0)
        added = self.run("sacctmgr", "-i", "add", "cluster", self.name)
        if added.returncode != 0:
            raise ClusterError(f"sacctmgr add cluster failed: {added.stdout}{added.stderr}\n" + self.logs())

    # -- slurm.conf -----------------------------------------------------------------------------------------

    def _write_slurm_conf(self) -> None:
        cpus = len(os.sched_getaffinity(0))  # what `nproc` says
        # what `free -m` says is total, less a margin that slurmd keeps for the system
        memory_mb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20
        real_memory = max(memory_mb - 512, 1024)
        accounting = (
            ["AccountingStorageType=accounting_storage/slurmdbd", "AccountingStorageHost=localhost",
             f"AccountingStoragePort={self.dbd_port}",
             # the munge socket for talking to slurmdbd (AuthInfo covers only the rest)
             f"AccountingStoragePass={self.munge_socket}"]
            if self.accounting else ["AccountingStorageType=accounting_storage/none"]
        )
        self.conf.write_text("\n".join([
            f"ClusterName={self.name}",
            f"SlurmctldHost={socket.gethostname().split('.')[0]}(127.0.0.1)",
            f"SlurmctldPort={self.controller_port}", f"SlurmdPort={self.node_port}",
            "SlurmUser=root", "SlurmdUser=root",
            "AuthType=auth/munge", "CredType=cred/munge", f"AuthInfo=socket={self.munge_socket}",
            # no cgroups: processes are tracked through /proc, and tasks are not confined
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none",
            "SelectType=select/cons_tres", "SelectTypeParameters=CR_Core_Memory",
            "MpiDefault=none", "ReturnToService=2", "SchedulerType=sched/backfill",
            "SchedulerParameters=batch_sched_delay=0",  # start a job at once, not up to 3 s later
            f"StateSaveLocation={self.root / 'state'}", f"SlurmdSpoolDir={self.root / 'spool'}",
            f"SlurmctldPidFile={self.root / 'slurmctld.pid'}", f"SlurmdPidFile={self.root / 'slurmd.pid'}",
            f"SlurmctldLogFile={self.root / 'log' / 'slurmctld.log'}",
            f"SlurmdLogFile={self.root / 'log' / 'slurmd.log'}",
            *accounting, "JobAcctGatherType=jobacct_gather/none", "JobCompType=jobcomp/none",
            f"NodeName={self.node} NodeAddr=127.0.0.1 NodeHostname=localhost CPUs={cpus} "
            f"RealMemory={real_memory} State=UNKNOWN",
            f"PartitionName={PARTITION} Nodes={self.node} Default=YES MaxTime=INFINITE State=UP",
            "",
        ]))

    def _node_idle(self) -> bool:
        result = self.run("sinfo", "--noheader", "--nodes", self.node, "--format=%T")
        return result.returncode == 0 and result.stdout.strip() == "idle"


if __name__ == "__main__":  # .ci/run: `python3 tests/slurm_cluster.py` installs what the tests need, if it can
    print(SlurmCluster.unavailable(accounting=True) or "SLURM test cluster: packages installed")
