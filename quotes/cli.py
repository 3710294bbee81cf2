"""Command line: ``quotes extract`` (JSON lines of quotes), ``quotes render`` (HTML), and the
corpus views ``quotes speakers`` and ``quotes report`` (``quotes.views``).

Exit status: 0 done; 1 an input could not be read (a folder with nothing to read too), no record
could be processed, or writing failed; 2 a usage or set-up error (a bad option, standard input
closed, the output locked by another run; nothing written); 130 interrupted (SIGINT or SIGTERM;
the output is resumable).
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import math
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

from . import __version__
from .component.loading import DEFAULT_MODEL, load
from .errors import QuotesError
from .resources.data import packaged_files
from .run.corpus import input_size, read_records, unicode_problem
from .run.lock import locked
from .run.resume import State, load_state
from .run.runner import FileSink, Progress, local_processor, run
from .run.workers import available_cpus
from .scopes import SCOPE_NAMES
from .types import Quote
from .views import report, speaker_table

# Output fields of a quote line; --keep may not overwrite them.
LINE_FIELDS = {"id", *(f.name for f in fields(Quote))}


class Interrupted(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C."""


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE|DIR|-", help="text or JSONL files, folders, or - for stdin")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline (default: %(default)s)")
    parser.add_argument("--text-key", default="text", help="JSONL field holding the text (default: %(default)s)")
    parser.add_argument("--id-key", default="id", help="JSONL field holding the record id (default: %(default)s)")
    parser.add_argument("--scope", choices=SCOPE_NAMES, default="quotes",
                        help="quotes (default), or attributions: also 'X criticized the plan' (PolNeAR-style)")
    parser.add_argument("--format", dest="input_format", choices=["auto", "text", "jsonl"], default="auto",
                        help="input format; auto: .jsonl/.ndjson are JSONL, .txt/.text/.html/.htm one text each, "
                             "anything else (stdin, pipes, no extension) JSONL if its lines are JSON objects")


def data_fingerprint() -> str:
    """The library version and a hash of the packaged lexicons and learned files: what, besides
    the options, decides the output."""
    digest = hashlib.sha1(__version__.encode())
    for name, content in packaged_files():
        digest.update(name.encode() + b"\0" + content)
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _confidence(value: str) -> float:
    """--min-confidence: a number from 0 to 1 (not nan, not inf)."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0.0 <= number <= 1.0:  # also false for nan
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1")
    return number


def version() -> str:
    """This package's version, and spaCy's and the default model's: what decides the output."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    parts = []
    for package in ("spacy", DEFAULT_MODEL.replace("_", "-")):
        try:
            parts.append(f"{package} {installed(package)}")
        except PackageNotFoundError:
            parts.append(f"{package} not installed")
    return f"quotes {__version__} ({', '.join(parts)})"


EXTRACT_HELP = """\
Find the quotes in news text and who said them. Reads text files, JSONL files (one record per
line, the text under --text-key), folders of them (.txt, .jsonl, .html; recursively), pipes,
or - for standard input. Writes one JSON line per quote to standard output or --output; a
record that cannot be processed becomes a line in the errors output, and the run goes on."""

EXTRACT_EXAMPLES = """\
examples:
  quotes extract article.txt                      # the quotes of one article, as JSON lines
  quotes extract news/ -o out.jsonl --resume      # a folder of articles; carry on after a stop

Each output line is one quote: id (the record), kind, text, start, end, speaker, speaker_name,
cue, speaker_role, source_type, rule, confidence, name_confidence, speaker_gender,
gender_evidence, pieces. README.md ("What a line says") explains every field; offsets are characters
of the input text. Exit status: 0 done, 1 an input unreadable or nothing processed, 2 usage
error, 130 interrupted (rerun with --resume)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description="Find quotations in English news and who said them.")
    parser.add_argument("--version", action="version", version=version())
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser(
        "extract", help="print quotes as JSON lines, one per quote", description=EXTRACT_HELP,
        epilog=EXTRACT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_input_options(extract)
    extract.add_argument("-o", "--output", help="write JSON lines here instead of stdout")
    extract.add_argument("--errors", help="write error lines here (default: OUTPUT.errors.jsonl, or stderr)")
    extract.add_argument("--resume", action="store_true", help="continue an interrupted run into --output")
    extract.add_argument("--retry-failed", action="store_true",
                         help="with --resume: process the records that failed again")
    extract.add_argument("--keep", action="append", default=[], metavar="KEY",
                         help="copy this JSONL field onto every output line of its record (repeatable)")
    extract.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="FLOAT",
                         help="drop quotes whose confidence is below this, from 0 to 1 (default: %(default)s)")
    extract.add_argument("--no-name-gender", dest="name_gender", action="store_false",
                         help="a person's gender from the article's own words only, not the first-name table")
    extract.add_argument("--n-process", type=int, default=1, metavar="N",
                         help="worker processes, at most one per CPU and one per batch (default: 1)")
    extract.add_argument("--batch-size", type=int, default=32, metavar="N", help="texts per batch; a batch also stops at 150,000 characters (default: 32)")
    extract.add_argument("--scheduler", metavar="ADDRESS", help="run on the Dask scheduler at this address (tcp://HOST:PORT)")
    extract.add_argument("--dask-workers", type=int, metavar="N", help="run on a local Dask cluster of N worker processes")
    extract.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    extract.set_defaults(func=cmd_extract)

    render = commands.add_parser("render", help="write an HTML page with the quotes highlighted")
    _add_input_options(render)
    render.add_argument("-o", "--output", default="-", help="HTML file (default: stdout)")
    render.set_defaults(func=cmd_render)

    speaker_table.add_command(commands)
    report.add_command(commands)
    return parser


def _file(name: str | None) -> Path | None:
    return None if name in (None, "-") else Path(name)


def check_writable(path: Path) -> None:
    """A clear error now, rather than a traceback after the model has loaded; creates nothing
    that stays (a probe file is made and removed, which also catches read-only file systems)."""
    folder = path.parent
    if path.is_dir():
        raise QuotesError(f"cannot write {path}: it is a folder")
    if not folder.is_dir():
        raise QuotesError(f"cannot write {path}: folder {folder} does not exist")
    try:
        if path.exists():
            with path.open("ab"):
                pass
        else:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{path.name}.", suffix=".probe"):
                pass
    except OSError as error:
        raise QuotesError(f"cannot write {path}: {error.strerror or error}") from None


def _check_apart_from_inputs(path: Path, inputs: list[str]) -> None:
    """An output must not overwrite an input, nor sit in an input folder where it would be read."""
    target = path.resolve()
    for name in inputs:
        if name == "-":
            continue
        source = Path(name).resolve()
        if target == source or (source.is_dir() and source in target.parents):
            raise QuotesError(f"{path} is inside the input {name}: it would be overwritten or read as input")


def _progress(quiet: bool, total: int | None):
    """A bar of input bytes (with a total and an ETA when the input's size is known: files and
    folders), with the documents done beside it."""
    if quiet:
        return contextlib.nullcontext(None)
    from tqdm import tqdm

    # Shown only once a run lasts long enough to need it, and only on a terminal.
    return tqdm(desc="input", total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                delay=1.0, disable=None, postfix="0 documents")


def _show(progress: Progress, bar) -> None:
    """Let ``progress`` move ``bar``, with the documents done beside it."""
    done = 0

    def documents(count: int) -> None:
        nonlocal done
        done += count
        bar.set_postfix_str(f"{done} document{'s' if done != 1 else ''}", refresh=False)

    progress.advance, progress.records = bar.update, documents


def _processor(args: argparse.Namespace, stack: contextlib.ExitStack, progress: Progress | None = None):
    if args.scheduler or args.dask_workers:
        from .run.dask import dask_processor

        processor = dask_processor(
            model=args.model, scheduler=args.scheduler, workers=args.dask_workers,
            batch_size=args.batch_size, scope=args.scope, name_gender=args.name_gender,
        )
        stack.callback(processor.close)
        return processor
    note = None if args.quiet else (lambda message: print(f"quotes: {message}", file=sys.stderr))
    return local_processor(
        load(args.model, args.scope, args.name_gender),
        batch_size=args.batch_size, n_process=args.n_process, note=note, progress=progress,
    )


def _check_extract_args(args: argparse.Namespace) -> None:
    if args.resume and not _file(args.output):
        raise QuotesError("--resume needs --output: the run being resumed writes to a file")
    if args.retry_failed and not args.resume:
        raise QuotesError("--retry-failed goes with --resume: it redoes the failed records of an earlier run")
    if args.n_process < 1 or args.batch_size < 1 or (args.dask_workers is not None and args.dask_workers < 1):
        raise QuotesError("--n-process, --batch-size and --dask-workers must be at least 1")
    cpus = available_cpus()
    if args.n_process > cpus and not (args.scheduler or args.dask_workers):  # local workers only
        if not args.quiet:
            print(f"quotes: --n-process {args.n_process} is more than the {cpus} CPU{'s' if cpus != 1 else ''} "
                  f"here: running at most {cpus} worker process{'es' if cpus != 1 else ''}", file=sys.stderr)
        args.n_process = cpus
    if args.scheduler and args.dask_workers:
        raise QuotesError("give --scheduler or --dask-workers, not both")
    if args.scheduler:
        from .run.dask import check_address

        check_address(args.scheduler)
    for key in args.keep:
        if key in LINE_FIELDS:
            raise QuotesError(f"--keep {key}: an output line has its own {key!r}; rename the input field")
        if unicode_problem(key):
            raise QuotesError(f"--keep {key!r}: {unicode_problem(key)}")


def _regular(path: Path | None) -> bool:
    """A file that can be cut back and resumed, with a checkpoint beside it: a regular file, or
    none yet, and not one reached through /dev or /proc (``/dev/stdout`` redirected to a file)."""
    if path is None or str(path.absolute()).startswith(("/dev/", "/proc/")):
        return False
    return not path.exists() or path.is_file()


def cmd_extract(args: argparse.Namespace) -> int:
    _check_extract_args(args)
    output = _file(args.output)
    checkpoint = _regular(output)  # -o /dev/stdout, a pipe: written as it comes, no OUT.done
    if args.resume and not checkpoint:
        raise QuotesError(f"--resume needs a regular file as --output; {output} is not one")
    if args.errors:
        errors = _file(args.errors)
    else:
        errors = Path(f"{output}.errors.jsonl") if checkpoint else None
    if output and errors and output.resolve() == errors.resolve():
        raise QuotesError("--errors must be another file than --output")
    for path in filter(None, (output, errors)):
        check_writable(path)
        _check_apart_from_inputs(path, args.inputs)
    settings = {
        "model": args.model, "scope": args.scope, "text_key": args.text_key, "id_key": args.id_key,
        "format": args.input_format, "keep": args.keep, "min_confidence": args.min_confidence,
        "name_gender": args.name_gender,
        "quotes": data_fingerprint(),  # a retrained model or new lexicon would mix two outputs
    }
    with contextlib.ExitStack() as stack:
        sink: FileSink | None = None
        # Held from before the checkpoint is read until the last line is written.
        stack.enter_context(locked([p for p in (output, errors) if p is not None],
                                   keep_created=lambda: sink is not None and sink.started))
        state = State()
        if args.resume:
            assert output is not None  # _check_extract_args: --resume needs --output
            state = load_state(output, errors, settings)
        records = read_records(args.inputs, args.text_key, args.id_key, args.input_format, keep=args.keep)
        progress = None if args.quiet else Progress()
        process = _processor(args, stack, progress)
        # Made once the model is loaded, so that its rate and ETA are the extractor's.
        bar = stack.enter_context(_progress(args.quiet, None if args.quiet else input_size(args.inputs)))
        if progress is not None and bar is not None:
            _show(progress, bar)
        sink = FileSink(output, errors, settings, state, args.retry_failed, checkpoint=checkpoint)
        stack.callback(sink.close)
        summary = run(
            records, process, sink, state, retry_failed=args.retry_failed,
            min_confidence=args.min_confidence, progress=progress,
        )
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return summary.exit_status()


def cmd_render(args: argparse.Namespace) -> int:
    from .views.render import render_records

    output = _file(args.output)
    if output:
        check_writable(output)
        _check_apart_from_inputs(output, args.inputs)
    records = list(read_records(args.inputs, args.text_key, args.id_key, args.input_format))
    for record in records:
        if record.unreadable:
            print(f"quotes: error: cannot read {record.id}: {record.error}", file=sys.stderr)
    html = render_records(records, model=args.model, scope=args.scope)
    with (open(output, "w", encoding="utf-8") if output else contextlib.nullcontext(sys.stdout)) as out:
        out.write(html)
    nothing_rendered = bool(records) and all(r.error for r in records)
    return 1 if nothing_rendered or any(r.unreadable for r in records) else 0


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM ends a run as Ctrl-C does: cleanly, leaving a resumable output."""

    def handler(signum, frame):
        raise Interrupted()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stdin_problem() -> str | None:
    """Why standard input cannot be read (closed: ``<&-``; open for writing only), or None."""
    if sys.stdin is None:
        return "standard input is closed"
    try:
        import fcntl

        flags = fcntl.fcntl(sys.stdin.fileno(), fcntl.F_GETFL)
    except (ImportError, OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None  # replaced by a stream without a descriptor, or not on POSIX: read and see
    if flags & os.O_ACCMODE == os.O_WRONLY:
        return "standard input is not open for reading"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.error(f"{args.command}: the command registered no function to run")
    if "-" in (getattr(args, "inputs", None) or ()):
        problem = _stdin_problem()
        if problem is not None:
            print(f"quotes: error: {problem}: give files, or pipe the input into -", file=sys.stderr)
            return 2
    try:
        with _sigterm_interrupts():
            return args.func(args)
    except QuotesError as error:
        print(f"quotes: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        resumable = args.command == "extract" and _regular(_file(getattr(args, "output", None)))
        hint = "; rerun with --resume to continue" if resumable else ""
        print(f"quotes: interrupted{hint}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into a reader that stopped (head): not an error; keep Python quiet at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # a full disk, a file removed under the run: finished records are kept
        resumable = args.command == "extract" and _regular(_file(getattr(args, "output", None)))
        hint = "; fix it and rerun with --resume" if resumable else ""
        print(f"quotes: error: {error.strerror or error}: {error.filename or 'output'}{hint}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
