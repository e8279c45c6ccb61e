"""Extraction on all cores, or on a Dask cluster: seeds in batches through any
concurrent.futures.Executor (`build --jobs N`, `build --dask tcp://host:8786`).

Why batches: one task per seed costs more in scheduling and pickling than a news article
costs to extract; a batch of tens of seeds amortises it. Why the Executor interface: a
local process pool and a Dask cluster (distributed.Client(addr).get_executor()) then run
the very same batch function, `extract_batch`, which reads and extracts its seeds with
pipeline.extract_seed, under the same per-seed time budget as a one-core build.

The parent does everything that touches the extraction cache: it takes the seeds the
cache knows from it, sends only the others to the workers, and puts what they found into
the cache. Worker results are joined in the seed list's order, whatever order batches
finish in, so the outputs are the same bytes for any number of workers. On a cluster,
workers write each batch as Parquet parts (mapping.parts) to a shared folder and return
only the part's name; the parent reads the parts one at a time, in seed order.

What this does not bound: the build's model (every reading, for the map's panels and
mentions.csv) is still held by the parent, as in a one-core build. What it bounds: at
most a window of BATCHES_PER_WORKER batches per worker is in flight or waiting to be
joined, so worker results never pile up in the parent beyond that.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import secrets
import shutil
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .algebra import seed_reports
from .cache import EntryMemo, ExtractCache, tool_fingerprint
from .corrections import FILE_NAME
from .dates import dated_sentences, sentence_spans
from .errors import ExtractionTimeout, SeedError, TerritoryMapError
from .gazetteer import Gazetteer, load_gazetteer
from .history import EvidenceMemo
from .model import (
    VIOLENCE_FLAG,
    BuildResult,
    ForeignMention,
    Mention,
    Place,
    Reading,
    SeedResult,
    Status,
    share_foreign,
    share_values,
)
from .parts import Columns, empty_columns, read_part, remove_part, write_part
from .pipeline import (
    SeedsReady,
    _after_extract,
    build_paths,
    collector_paused,
    extract_seed,
    finish_build,
)
from .progress import Progress
from .rows import SLOTS, mention_rows_text, sentence_rows_text
from .seeds import Seed, SeedProblem, discover, read_one

BATCH_MOST = 50  # seeds per batch at most (a few hundred KB of text)
BATCHES_PER_WORKER = 4  # batches in flight per worker: enough to keep it busy
_STATUSES = {s.value: s for s in Status}


class ClusterError(TerritoryMapError):
    """The executor cannot be used: no Dask installed, no scheduler at the address, or
    workers that run another version of the package."""


@dataclass
class Batch:
    """What a worker returns for one batch: its tables in memory, or the name of the
    Parquet part it wrote; and its tool fingerprint, to catch workers of another version."""

    fingerprint: str
    columns: Columns | None = None
    part: str = ""


@dataclass
class Found:
    """One seed as a worker read and extracted it, decoded in the parent."""

    pos: int
    seed: Seed | None
    problems: list[SeedProblem]  # what reading the file gave (a skip or remarks)
    failure: SeedProblem | None = None  # why extraction failed
    result: SeedResult | None = None
    chars: int = 0
    rows: tuple[str, str] | None = None  # mentions.csv and sentences.csv rows, for the cache


@dataclass
class Planned:
    """One seed as the parent sees it before any worker runs: the cache's index stamps,
    the seed as the index knows it, and its result when the cache holds it."""

    stamps: tuple | None = None
    indexed: Seed | None = None
    result: SeedResult | None = None
    problems: list[SeedProblem] = field(default_factory=list)


# ---- the worker side -----------------------------------------------------------------


def extract_batch(items: list[tuple[int, str]], parts_dir: str = "", rows: bool = False) -> Batch:
    """Read and extract each (position, path) of a batch: plain tables (mapping.parts),
    returned, or written as a Parquet part in `parts_dir` (a folder all workers and the
    parent can reach). With rows, also each seed's mentions.csv rows for the cache.

    Never raises for one seed: a seed that cannot be read or extracted is a row saying why.
    """
    gaz = load_gazetteer()
    cols = empty_columns()
    for pos, path in items:
        _extract_into(cols, pos, Path(path), gaz, rows)
    if not parts_dir:
        return Batch(tool_fingerprint(), columns=cols)
    name = f"{items[0][0]:010d}"
    write_part(parts_dir, name, cols)
    return Batch(tool_fingerprint(), part=name)


def _extract_into(cols: Columns, pos: int, path: Path, gaz: Gazetteer, want_rows: bool) -> None:
    seed, problems = read_one(path)
    res, failure = None, ""
    if seed is not None:
        try:
            res = extract_seed(seed, gaz)
        except SeedError as exc:  # as pipeline._one_seed words them
            failure = f"{exc}; skipped"
        except ExtractionTimeout as exc:  # mapping.budget: the seed took too long
            failure = str(exc)
        except Exception as exc:  # one seed's failure must not lose the others
            failure = f"extraction failed ({type(exc).__name__}: {exc}); please report this"
    text = seed.text if seed is not None else ""
    slots = any(slot in text for slot in SLOTS)
    s = cols["seeds"]
    s["pos"].append(pos)
    s["ok"].append(seed is not None)
    s["extracted"].append(res is not None)
    s["failure"].append(failure)
    s["digest"].append(seed.digest if seed is not None else "")
    s["chars"].append(len(text))
    for key in ("title", "source", "url", "date", "note"):
        s[key].append(getattr(seed, key) if seed is not None else "")
    s["body_start"].append(seed.body_start if seed is not None else 0)
    s["notes"].append(list(seed.notes) if seed is not None else [])
    s["problems"].append([p.message for p in problems])
    s["fatal"].append([p.fatal for p in problems])
    s["found"].append(res.found if res is not None else 0)
    s["copy_key"].append(res.copy_key if res is not None else "")
    rows = res is not None and want_rows and not slots
    dated = dated_sentences(res.readings, sentence_spans(res.readings)) if res else set()
    s["rows"].append(mention_rows_text(res, gaz, dated) if res and rows else None)
    s["sentence_rows"].append(sentence_rows_text(res) if res and rows else None)
    if res is None:
        return
    _readings_into(cols["readings"], pos, res.readings)
    f = cols["foreign"]
    for m in res.foreign:
        for key, value in zip(("pos", "surface", "start", "end", "country"), (pos, *_fm(m))):
            f[key].append(value)


def _fm(m: ForeignMention) -> tuple:
    return m.surface, m.start, m.end, m.country


def _readings_into(r: dict[str, list], pos: int, readings: list[Reading]) -> None:
    for x in readings:
        m = x.mention
        r["pos"].append(pos)
        r["surface"].append(m.surface)
        r["start"].append(m.start)
        r["end"].append(m.end)
        r["place"].append(m.place.key)
        r["match"].append(str(m.match))
        r["kind"].append(str(m.kind))
        r["antecedent"].append(m.antecedent)
        r["status"].append(str(x.status))
        r["rule"].append(x.rule)
        r["evidence"].append(x.evidence)
        r["evidence_start"].append(x.evidence_start)
        r["evidence_end"].append(x.evidence_end)
        r[VIOLENCE_FLAG].append(x.violence)
        r["event_date"].append(x.event_date)
        r["date_precision"].append(x.date_precision)
        r["act"].append(x.act)


def _worker_start(parent: int) -> None:
    """A forked worker ends with its parent, and turns the garbage collector it inherited
    paused back on, with what it inherited (the gazetteer) frozen out of its sight."""
    _end_with_parent(parent)
    gc.freeze()
    gc.enable()


def _end_with_parent(parent: int) -> None:
    """Have the kernel end this worker when its parent dies (Linux PR_SET_PDEATHSIG; else a
    thread that watches the parent). Why: a build killed with SIGKILL, or by the kernel
    when memory runs out, cannot stop its pool, and a forked worker holds both ends of its
    task pipe, so it would wait for work forever. `parent` 0: not forked, nothing to do."""
    if not parent:
        return
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


# ---- the parent side -----------------------------------------------------------------


def decode(cols: Columns, paths: list[Path], gaz: Gazetteer) -> Iterator[Found]:
    """The seeds of one batch's tables, in their order, as the parent's objects (places
    are the parent's gazetteer's, so nothing of the worker's is kept)."""
    places: dict[str, Place] = {**gaz.provinces, **gaz.places}
    s, rd, fo = cols["seeds"], cols["readings"], cols["foreign"]
    r_at, f_at = _spans(rd["pos"]), _spans(fo["pos"])
    for i, pos in enumerate(s["pos"]):
        path = paths[pos]
        problems = [SeedProblem(path, m, fatal=f) for m, f in zip(s["problems"][i], s["fatal"][i])]
        rows = s["rows"][i], s["sentence_rows"][i]
        found = Found(
            pos, None, problems, chars=s["chars"][i], rows=None if rows[0] is None else rows
        )
        if s["ok"][i]:
            found.seed = Seed(
                path=path,
                body_start=s["body_start"][i],
                title=s["title"][i],
                source=s["source"][i],
                url=s["url"][i],
                date=s["date"][i],
                note=s["note"][i],
                notes=list(s["notes"][i]),
                known_digest=s["digest"][i],
            )
        if s["failure"][i]:
            found.failure = SeedProblem(path, s["failure"][i])
        if s["extracted"][i] and found.seed is not None:
            seed = found.seed
            lo, hi = r_at.get(pos, (0, 0))
            readings = share_values([_reading(rd, j, places, seed) for j in range(lo, hi)])
            lo, hi = f_at.get(pos, (0, 0))
            foreign = share_foreign(
                [
                    ForeignMention(fo["surface"][j], fo["start"][j], fo["end"][j], fo["country"][j])
                    for j in range(lo, hi)
                ]
            )
            reports = seed_reports(readings)
            found.result = SeedResult(
                seed,
                readings,
                foreign,
                reports=reports,
                found=s["found"][i],
                copy_key=s["copy_key"][i],
            )
        yield found


def _spans(positions: list[int]) -> dict[int, tuple[int, int]]:
    """pos -> (first row, past the last row) of a table whose rows are grouped by pos."""
    out: dict[int, tuple[int, int]] = {}
    for i, pos in enumerate(positions):
        lo = out.get(pos, (i, i))[0]
        out[pos] = (lo, i + 1)
    return out


def _reading(rd: dict[str, list], j: int, places: dict[str, Place], seed: Seed) -> Reading:
    m = Mention(
        rd["surface"][j],
        rd["start"][j],
        rd["end"][j],
        places[rd["place"][j]],
        rd["match"][j],
        rd["kind"][j],
        rd["antecedent"][j],
    )
    return Reading(
        m,
        _STATUSES[rd["status"][j]],
        rd["rule"][j],
        rd["evidence"][j],
        rd["evidence_start"][j],
        rd["evidence_end"][j],
        seed.name,
        seed.date,
        rd[VIOLENCE_FLAG][j],
        rd["event_date"][j],
        rd["date_precision"][j],
        rd["act"][j],
    )


def build_jobs(
    seeds_dir: Path | str = "seeds",
    cache_dir: Path | str | None = None,
    progress: bool | Progress = False,
    strict: bool = False,
    one_shot: bool = False,
    jobs: int | None = None,
    dask: str = "",
    parts_dir: Path | str | None = None,
    seeds_ready: SeedsReady | None = None,
    memo: EntryMemo | None = None,
    evidence: EvidenceMemo | None = None,
    learned: bool = True,
) -> BuildResult:
    """pipeline.build on `jobs` processes (None: one), or on the Dask cluster at
    `dask` with Parquet parts in `parts_dir`; jobs=1 without dask is pipeline.build
    itself. The result is the same as pipeline.build's for any jobs. `seeds_ready` is told
    when the seeds are read (pipeline.finish_build); `memo` keeps cache entries in memory
    for the next build of this process (mapping.cache.EntryMemo), `evidence` the seeds'
    readings as the timeline grouped them (mapping.history.EvidenceMemo); with `learned`
    False, the rules' reading alone (pipeline.rules_reading)."""
    paths = discover(Path(seeds_dir))
    fixes = Path(seeds_dir) / FILE_NAME
    jobs = jobs or 1
    if jobs <= 1 and not dask:
        return build_paths(
            paths,
            cache_dir,
            progress,
            strict,
            one_shot,
            fixes,
            seeds_ready,
            memo,
            evidence,
            learned,
        )
    return build_parallel(
        paths,
        cache_dir,
        progress,
        strict,
        one_shot,
        jobs,
        dask,
        parts_dir,
        fixes,
        seeds_ready,
        memo,
        evidence,
        learned,
    )


def build_parallel(
    paths: list[Path],
    cache_dir: Path | str | None = None,
    progress: bool | Progress = False,
    strict: bool = False,
    one_shot: bool = False,
    jobs: int = 2,
    dask: str = "",
    parts_dir: Path | str | None = None,
    corrections: Path | None = None,
    seeds_ready: SeedsReady | None = None,
    memo: EntryMemo | None = None,
    evidence: EvidenceMemo | None = None,
    learned: bool = True,
) -> BuildResult:
    """build_paths with extraction in worker batches (see the module's docstring)."""
    problems: list[SeedProblem] = []
    results: list[SeedResult] = []
    with collector_paused(one_shot):
        gaz = load_gazetteer()
        cache = ExtractCache(Path(cache_dir), gaz, memo) if cache_dir else None
        with ExitStack() as stack:  # the workers stop on leaving it (also at --strict's stop)
            bar = stack.enter_context(_bar(len(paths), bool(progress)))
            planned = [_plan(path, cache, bar) for path in paths]
            todo = [pos for pos, p in enumerate(planned) if p.result is None]
            found = _run(stack, todo, paths, gaz, jobs, dask, parts_dir, cache is not None)
            for p in planned:
                res: SeedResult | None
                if p.result:
                    res, seen = p.result, p.problems
                else:
                    res, seen = _join(p, next(found), cache)
                    bar.update(1)
                if res is not None:
                    results.append(res)
                problems.extend(seen)
                if strict and any(x.fatal for x in seen):
                    break  # --strict: stop at the first bad seed
        return finish_build(
            gaz, results, problems, cache, corrections, seeds_ready, evidence, learned
        )


def _plan(path: Path, cache: ExtractCache | None, bar) -> Planned:
    """What the cache knows of one seed file, as pipeline._read and extract_seed ask it
    (the progress bar counts the seed when the cache holds it)."""
    if cache is None:
        return Planned()
    stamps = cache.index.stamps(path)
    seed = cache.index.lookup(path, stamps)
    if seed is None:
        return Planned(stamps)
    notes = [SeedProblem(path, n, fatal=False) for n in seed.notes]
    cached = cache.get(seed.digest, seed.name, seed.date)
    if cached is None:
        return Planned(stamps, seed, problems=notes)
    res = cached.result(seed)
    bar.update(1)
    return Planned(stamps, seed, res, notes + _after_extract(res, cache))


def _join(
    p: Planned, f: Found, cache: ExtractCache | None
) -> tuple[SeedResult | None, list[SeedProblem]]:
    """A worker's seed joined with what the cache knows, as a one-core build would have
    it: the same result, problems, cache entries, index and cache counts."""
    problems = list(p.problems) if p.indexed else list(f.problems)
    seed = f.seed
    if seed is None:
        return None, problems if not p.indexed else problems + f.problems
    res = None
    if cache is not None and p.indexed is None:
        cache.index.remember(seed, p.stamps or cache.index.stamps(seed.path))
        cached = cache.get(seed.digest, seed.name, seed.date)  # a known text in a new file
        res = cached.result(seed) if cached is not None else None
    elif p.indexed is not None and p.indexed.known_digest != seed.known_digest:
        seed.reread = True  # the file is not what the index said: index.correct below
    if res is None:
        if f.result is None:
            return None, problems + ([f.failure] if f.failure else [])
        res = f.result
        if cache is not None:
            cache.put(
                seed.digest,
                f.chars,
                res.readings,
                res.foreign,
                f.rows,
                res.reports,
                res.found,
                res.copy_key,
                date=seed.date,
            )
    return res, problems + _after_extract(res, cache)


def _run(
    stack: ExitStack,
    todo: list[int],
    paths: list[Path],
    gaz: Gazetteer,
    jobs: int,
    dask: str,
    parts_dir: Path | str | None,
    want_rows: bool,
) -> Iterator[Found]:
    """The seeds at positions `todo`, read and extracted by the workers, in that order.
    The workers start now, on `stack`, and stop when it closes."""
    items = [(pos, os.path.abspath(paths[pos])) for pos in todo]
    if dask and items:
        # A run folder of its own: two builds sharing a parts folder never mix parts.
        parts = Path(parts_dir or ".parts").resolve()
        run = parts / f"run-{os.getpid()}-{secrets.token_hex(4)}"
        executor, workers = stack.enter_context(_dask_executor(dask))
        stack.callback(_remove_run, run, not parts.exists())
        submit = lambda batch: executor.submit(extract_batch, batch, str(run), want_rows)
        return _stream(submit, _batches(items, workers), workers, paths, gaz, run)
    batches = _batches(items, jobs)
    if len(batches) < 2:  # not worth a process pool
        return (
            f
            for batch in batches
            for f in _decoded(extract_batch(batch, "", want_rows), batch, paths, gaz)
        )
    pool = stack.enter_context(_process_pool(min(jobs, len(batches))))
    submit = lambda batch: pool.submit(extract_batch, batch, "", want_rows)
    return _stream(submit, batches, jobs, paths, gaz)


def _remove_run(run: Path, made_parts: bool) -> None:
    """The run folder, and the parts folder too if this build made it and nothing else
    is in it (another build's run may be)."""
    shutil.rmtree(run, ignore_errors=True)
    try:
        if made_parts:
            run.parent.rmdir()
    except OSError:
        pass


def _stream(
    submit: Callable[[list], Future],
    batches: list[list],
    workers: int,
    paths: list[Path],
    gaz: Gazetteer,
    run: Path | None = None,
) -> Iterator[Found]:
    for batch, out in _ordered(submit, batches, workers * BATCHES_PER_WORKER):
        yield from _decoded(out, batch, paths, gaz, submit, run)


def _batches(items: list[tuple[int, str]], workers: int) -> list[list[tuple[int, str]]]:
    size = _batch_size(len(items), workers)
    return [items[i : i + size] for i in range(0, len(items), size)]


def _batch_size(n: int, workers: int) -> int:
    """Small enough that each worker gets several batches (the slow ones even out),
    large enough that a batch outweighs its scheduling; at most BATCH_MOST."""
    return max(1, min(BATCH_MOST, n // (workers * BATCHES_PER_WORKER)))


def _decoded(
    out: Batch | BaseException,
    batch: list[tuple[int, str]],
    paths: list[Path],
    gaz: Gazetteer,
    submit: Callable[[list], Future] | None = None,
    run: Path | None = None,
) -> Iterator[Found]:
    """One batch's seeds. A batch whose worker failed as a whole (a crash, a lost
    worker) is run again seed by seed, so only the seed that fails is lost, named."""
    if isinstance(out, BaseException):
        if submit is None or len(batch) == 1:
            (pos, _), reason = batch[0], f"{type(out).__name__}: {out}"
            yield Found(pos, None, [SeedProblem(paths[pos], f"a worker failed ({reason})")])
            return
        for item in batch:
            try:
                again: Batch | BaseException = submit([item]).result()
            except Exception as exc:
                again = exc
            yield from _decoded(again, [item], paths, gaz, None, run)
        return
    if out.fingerprint != tool_fingerprint():
        raise ClusterError(
            "a worker runs another version of territory-map (its code, rules or geodata "
            "differ); install the same version on every worker"
        )
    if out.columns is not None:
        yield from decode(out.columns, paths, gaz)
        return
    if run is None:
        raise ClusterError(f"a worker wrote part {out.part} but no parts folder was given")
    try:
        cols = read_part(run, out.part)
    except OSError as exc:
        raise ClusterError(
            f"{run}: cannot read a worker's part {out.part} ({exc}); the parts folder "
            "must be one path that the workers and this machine share"
        ) from None
    remove_part(run, out.part)
    yield from decode(cols, paths, gaz)


def _ordered(
    submit: Callable[[list], Future], batches: list[list], window: int
) -> Iterator[tuple[list, Batch | BaseException]]:
    """Each batch with its result (or the exception its worker raised), in batch order,
    with at most `window` batches submitted and not yet handed on."""
    todo = iter(batches)
    waiting: deque[tuple[list, Future]] = deque((b, submit(b)) for b in islice(todo, window))
    while waiting:
        batch, future = waiting.popleft()
        try:
            out: Batch | BaseException = future.result()
        except Exception as exc:
            out = exc
        following = next(todo, None)
        if following is not None:  # keep the workers busy while this one is joined
            waiting.append((following, submit(following)))
        yield batch, out


@contextmanager
def _process_pool(workers: int) -> Iterator[Executor]:
    """A process pool, shut down on leaving (batches not started are cancelled). Forked while this process has one thread (the workers then share
    the loaded gazetteer with no reload), else through a fork server (a fork with other
    threads running may copy a held lock)."""
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and threading.active_count() == 1 else "spawn"
    if method == "spawn" and "forkserver" in methods:
        method = "forkserver"
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_worker_start,
        initargs=(os.getpid() if method == "fork" else 0,),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _dask_executor(address: str) -> Iterator[tuple[Executor, int]]:
    """distributed.Client(address).get_executor(), and how many tasks the cluster runs at
    once (its worker threads)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "--dask needs Dask: pip install 'territory-map[dask]' (here and on the workers)"
        ) from None
    try:
        client = Client(address)  # waits distributed.comm.timeouts.connect (Dask's config)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"{address}: no Dask scheduler answers there ({exc})") from None
    try:
        workers = sum(client.nthreads().values())
        if not workers:
            raise ClusterError(f"{address}: the Dask cluster has no workers")
        executor = client.get_executor(pure=False)
        try:
            yield executor, workers
        finally:
            executor.shutdown(wait=False)
    finally:
        client.close()


def _bar(total: int, show: bool):
    """A progress bar over seeds on a terminal (or one that does nothing: on a pipe or a
    log, tqdm's disable=None), with no monitor thread: the process pool is forked after it
    is made (see _process_pool)."""
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0

    return Bar(
        total=total,
        desc="reading seeds",
        unit="seed",
        delay=1.0,
        leave=False,
        disable=None if show else True,
    )
