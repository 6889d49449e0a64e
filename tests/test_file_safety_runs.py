"""Whole runs of `nlclean fix` against what happens around them (docs/file-safety.md).

A run whose parent alone is killed (`kill -9`: a terminal closed, a CI step
killed) stops its workers within a second and writes nothing more; two runs
over the same files write each file once and report no error; a file another
run holds is left to it and said once; an editor's atomic save that lands
while the fix swaps its own version in is never lost. Each drives the real
command in a subprocess over a generated folder.
"""
from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from nlclean.files import TEMP_PATTERN

FIXTURES = Path(__file__).parent / "hooks" / "fixtures"
DIRTY = (FIXTURES / "dirty.md").read_bytes()
CLEANED = (FIXTURES / "dirty.clean.md").read_bytes()
COMMAND = [sys.executable, "-m", "nlclean.cli.main", "fix", "--no-progress"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")


def generated_folder(root: Path, count: int) -> Path:
    folder = root / "newsletters"
    for i in range(count):
        sub = folder / f"part-{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"issue-{i:04d}.md").write_bytes(DIRTY)
    return folder


def newsletters(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.md"))


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if TEMP_PATTERN.match(p.name)]


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan whose reaper has not come yet is dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def state_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in newsletters(folder)}


def test_killing_the_parent_alone_stops_its_workers_and_nothing_is_written_after(tmp_path):
    folder = generated_folder(tmp_path, 800)
    run = subprocess.Popen([*COMMAND, "-j", "2", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the workers are writing
        workers = children_of(run.pid)
        if len(workers) >= 2 and any(p.read_bytes() == CLEANED for p in newsletters(folder)[:40]):
            break
        time.sleep(0.01)
    else:
        run.kill()
        pytest.fail("the run never started writing")
    time.sleep(random.uniform(0, 0.5))  # somewhere in the middle of the run
    workers = children_of(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    run.wait()
    while any(running(p) for p in workers) and time.monotonic() - killed_at < 1.0:
        time.sleep(0.02)
    still_running = [p for p in workers if running(p)]
    for pid in still_running:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert still_running == [], "workers outlived their parent by more than a second"

    before = state_of(folder)
    time.sleep(1.0)
    assert state_of(folder) == before, "files were written after the run was killed"
    contents = [content for content, _ in before.values()]
    assert all(c in (DIRTY, CLEANED) for c in contents), "a file was torn"
    written = sum(c == CLEANED for c in contents)
    assert 0 < written < len(contents)
    assert leftovers(folder) == [], "a worker that was stopped left its temporary file"

    again = subprocess.run([*COMMAND, str(folder)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert all(p.read_bytes() == CLEANED for p in newsletters(folder))
    assert leftovers(folder) == []
    print(f"killed after {written} of {len(contents)} files written; 0 torn, 0 lost, 0 written after the kill")


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "sighup"])
def test_a_run_stopped_by_a_signal_stops_its_workers_and_leaves_no_temporary_file(tmp_path, how):
    # The signal must land mid-run, once the workers run (files among the first 40 written): on a loaded
    # machine a run can end before the test sees one of them, and a run that ended first proves nothing, so
    # the next try has a folder four times larger.
    for count in (400, 1600, 6400):
        folder = generated_folder(tmp_path / str(count), count)
        # As from a terminal: a runner started in the background (`cmd &` in a script) ignores SIGINT, and
        # its children would inherit that and never see the Ctrl-C (how CI's exit 0 came about on this stop).
        run = subprocess.Popen([*COMMAND, "-j", "2", str(folder)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 120
        while (run.poll() is None and time.monotonic() < deadline
               and not any(p.read_bytes() == CLEANED for p in newsletters(folder)[:40])):
            time.sleep(0.02)
        workers = children_of(run.pid)
        if run.poll() is None:
            break
        run.communicate()
    else:
        pytest.fail("every run ended before the test could stop it")
    if how == "ctrl-c":  # the terminal sends it to the whole group
        os.killpg(run.pid, signal.SIGINT)
    else:
        os.kill(run.pid, signal.SIGTERM if how == "sigterm" else signal.SIGHUP)
    err = run.communicate(timeout=60)[1]
    assert run.returncode == {"ctrl-c": 130, "sigterm": 128 + signal.SIGTERM, "sighup": 128 + signal.SIGHUP}[how]
    assert "Traceback" not in err, err
    time.sleep(0.2)
    assert [p for p in workers if running(p)] == []
    assert leftovers(folder) == []
    assert all(p.read_bytes() in (DIRTY, CLEANED) for p in newsletters(folder))


def test_two_runs_at_once_write_each_file_once_and_report_no_error(tmp_path):
    folder = generated_folder(tmp_path, 300)
    names = {str(p) for p in newsletters(folder)}
    runs = [subprocess.Popen([*COMMAND, "--exit-non-zero-on-fix", "-j", "1", str(folder)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errs = [r.communicate(timeout=300)[1] for r in runs]
    for run, err in zip(runs, errs):
        assert run.returncode in (0, 1), err
        assert "error" not in err, err
        # another run's file is said once, in one line, whatever the count
        assert sum("being written by another nlclean run" in line for line in err.splitlines()) <= 1
    fixed = [{line[len("fixed "):] for line in err.splitlines() if line.startswith("fixed ")} for err in errs]
    assert fixed[0] & fixed[1] == set(), "a file was written by both runs"
    assert fixed[0] | fixed[1] == names
    assert all(p.read_bytes() == CLEANED for p in newsletters(folder))
    assert leftovers(folder) == []
    print(f"two runs: {len(fixed[0])} + {len(fixed[1])} files written, 0 by both, 0 errors")


def test_a_file_another_run_is_writing_is_left_to_it_and_said_once(tmp_path):
    folder = generated_folder(tmp_path, 3)
    held, *others = newsletters(folder)
    with open(held, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # what a run holds while it writes
        proc = subprocess.run([*COMMAND, str(folder)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert held.read_bytes() == DIRTY
    assert all(p.read_bytes() == CLEANED for p in others)
    assert (f"nlclean: 1 file was being written by another nlclean run at the same time and left to it: "
            f"{held}") in proc.stderr
    assert "Fixed 4 issues in 2 files." in proc.stderr


def test_a_file_already_holding_what_the_run_would_write_is_not_an_error(tmp_path):
    # Another run (or the user) wrote exactly the cleaned text after this run read the file.
    folder = generated_folder(tmp_path, 1)
    (path,) = newsletters(folder)
    script = (
        "import sys; from pathlib import Path; import nlclean.cli.fix_command as f\n"
        "real = f.write_atomic\n"
        "def racing(path, data, **kw):\n"
        f"    Path(path).write_bytes({CLEANED!r})\n"
        "    return real(path, data, **kw)\n"
        "f.write_atomic = racing\n"
        "from nlclean.cli.main import main; sys.exit(main(['fix', sys.argv[1]]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr
    assert path.read_bytes() == CLEANED


BIG_STORIES = 3000


def big_newsletter(save: int | None = None) -> bytes:
    """A long newsletter (a sponsor block to remove), plus the editor's mark for save number `save`."""
    head, rest = DIRTY.split(b"## Acme Cloud", 1)
    stories = b"".join(b"## Story number %d\n\nA paragraph about topic %d and what the team changed next.\n\n"
                       % (i, i) for i in range(BIG_STORIES))
    mark = b"" if save is None else b"## Editor\n\nSaved by the editor, save number %d.\n\n" % save
    return head + mark + stories + b"## Acme Cloud" + rest


class Inotify:
    """The kernel's file events, to act the instant the fix looks at the file once more."""

    IN_ACCESS, IN_OPEN = 0x1, 0x20

    def __init__(self, path: Path) -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(os.O_CLOEXEC)
        if self.fd < 0 or libc.inotify_add_watch(self.fd, os.fsencode(path), self.IN_ACCESS | self.IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), "inotify")

    def wait(self) -> None:
        os.read(self.fd, 4096)

    def close(self) -> None:
        os.close(self.fd)


class Editor(threading.Thread):
    """Saves the way most editors do (write a temporary file, rename it over the file) at the
    worst moments: once the fix's own temporary file is complete, either as soon as the fix
    looks at the file again for its last check (`on_last_look`), or while the new file is
    being synced; after a random delay."""

    def __init__(self, path: Path, cleaned_size: int, delay_us: float, on_last_look: bool) -> None:
        super().__init__(daemon=True)
        self.path, self.cleaned_size, self.delay = path, cleaned_size, delay_us / 1e6
        self.on_last_look = on_last_look
        self.saved = False
        self.stop = threading.Event()
        self.prepared = path.with_name("editor-save.tmp")
        self.prepared.write_bytes(big_newsletter(save=1))

    def run(self) -> None:
        while not self.stop.is_set():
            for entry in os.scandir(self.path.parent):
                if TEMP_PATTERN.match(entry.name):
                    try:
                        complete = entry.stat().st_size >= self.cleaned_size
                    except OSError:
                        continue
                    if complete:
                        return self.save_on_next_look()

    def save_on_next_look(self) -> None:
        if self.on_last_look:
            events = Inotify(self.path)
            try:
                events.wait()
            finally:
                events.close()
        until = time.perf_counter() + self.delay
        while time.perf_counter() < until:
            pass
        os.replace(self.prepared, self.path)
        self.saved = True


# NLCLEAN_RACE_TRIALS=200 for the figures in docs/file-safety.md
RACE_TRIALS = int(os.environ.get("NLCLEAN_RACE_TRIALS", "8"))


@pytest.mark.parametrize("on_last_look, delays_us", [(True, (0, 100)), (False, (0, 8000))],
                         ids=["on-the-last-check", "while-syncing"])
def test_an_editors_atomic_save_racing_the_fix_is_never_lost(tmp_path, on_last_look, delays_us):
    rng = random.Random(15)
    trials = RACE_TRIALS
    cleaned_size = len(subprocess.run([*COMMAND, "-"], input=big_newsletter(), capture_output=True).stdout)
    outcomes = {"lost": 0, "refused before the swap": 0, "put back after the swap": 0,
                "editor after the swap": 0, "no race": 0}
    for trial in range(trials):
        path = tmp_path / f"trial-{trial}" / "big.md"
        path.parent.mkdir()
        path.write_bytes(big_newsletter())
        editor = Editor(path, cleaned_size, rng.uniform(*delays_us), on_last_look)
        editor.start()
        proc = subprocess.run([*COMMAND, str(path)], capture_output=True, text=True)
        editor.stop.set()
        late = editor.is_alive()
        if late:  # it waits for a look that never came: wake it, its save is not a race
            path.read_bytes()
        editor.join()
        final = path.read_bytes()
        if not editor.saved or late:
            outcomes["no race"] += 1
        elif final != big_newsletter(save=1):
            outcomes["lost"] += 1
        elif "put back" in proc.stderr:
            outcomes["put back after the swap"] += 1
        elif "changed on disk" in proc.stderr:
            outcomes["refused before the swap"] += 1
        else:
            outcomes["editor after the swap"] += 1
        assert "Traceback" not in proc.stderr
        assert [p for p in path.parent.iterdir() if TEMP_PATTERN.match(p.name)] == []
    print(f"editor races over {trials} trials: {outcomes}")
    assert outcomes["lost"] == 0, outcomes


def test_an_editors_save_between_the_last_check_and_the_rename_is_put_back(tmp_path):
    # The instant itself, made certain: the command runs with its rename (a plain rename,
    # or the Linux exchange) preceded by an editor's atomic save of the same file.
    path = tmp_path / "issue.md"
    path.write_bytes(DIRTY)
    saved = tmp_path / "editor-save.tmp"
    saved.write_bytes(big_newsletter(save=1))
    script = (
        "import os, sys\n"
        "target, saved = sys.argv[1], sys.argv[2]\n"
        "def save_first(rename):\n"
        "    def renaming(src, dst, *a, **k):\n"
        "        if os.path.realpath(dst) == target and os.path.exists(saved):\n"
        "            os.rename(saved, target)\n"
        "        return rename(src, dst, *a, **k)\n"
        "    return renaming\n"
        "os.replace = save_first(os.replace)\n"
        "try:\n"
        "    import nlclean.safe_write as w\n"
        "    w._exchange = save_first(w._exchange)\n"
        "except ImportError:\n"
        "    pass\n"
        "from nlclean.cli.main import main\n"
        "sys.exit(main(['fix', target]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path), str(saved)], capture_output=True, text=True)
    assert not saved.exists()
    assert path.read_bytes() == big_newsletter(save=1), "the editor's save was lost"
    assert proc.returncode == 2
    assert f"{path}: saved by another program while it was being written; that version was put back" in proc.stderr
    assert [p for p in tmp_path.iterdir() if TEMP_PATTERN.match(p.name)] == []


def test_an_editors_second_save_during_the_put_back_is_kept_too(tmp_path):
    # Two saves in that instant: the newest ends up under the name, the older beside it.
    if not sys.platform.startswith("linux"):
        pytest.skip("the put-back needs the Linux exchange")
    path = tmp_path / "issue.md"
    path.write_bytes(DIRTY)
    first, second = tmp_path / "save-1.tmp", tmp_path / "save-2.tmp"
    first.write_bytes(big_newsletter(save=1))
    second.write_bytes(big_newsletter(save=2))
    script = (
        "import os, sys\n"
        "import nlclean.safe_write as w\n"
        "target, saves = sys.argv[1], sys.argv[2:]\n"
        "real = w._exchange\n"
        "def exchange(a, b):\n"
        "    if saves and os.path.realpath(b) == target:\n"
        "        os.rename(saves.pop(0), target)\n"
        "    return real(a, b)\n"
        "w._exchange = exchange\n"
        "from nlclean.cli.main import main\n"
        "sys.exit(main(['fix', target]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path), str(first), str(second)],
                          capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert path.read_bytes() == big_newsletter(save=2)
    (kept,) = [p for p in tmp_path.iterdir() if p.name.endswith(".nlclean-bak")]
    assert kept.read_bytes() == big_newsletter(save=1)
    assert f"{path}: saved twice by another program while it was being written; the newest version stays, " \
           f"the other is kept at {kept}; nothing written" in proc.stderr
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".nlclean-tmp")] == []
