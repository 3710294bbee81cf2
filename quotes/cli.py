"""Command line: ``quotes extract`` (JSON lines of quotes) and ``quotes render`` (HTML)."""
from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Iterator

from .corpus import read_records
from .errors import QuotesError
from .pipeline import DEFAULT_MODEL, load
from .runner import Checkpoint, Summary, local_processor, run


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE|DIR|-", help="text or JSONL files, folders, or - for stdin")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline (default: %(default)s)")
    parser.add_argument("--text-key", default="text", help="JSONL field holding the text (default: %(default)s)")
    parser.add_argument("--id-key", default="id", help="JSONL field holding the record id (default: %(default)s)")
    parser.add_argument("--scope", choices=["quotes", "attributions"], default="quotes",
                        help="quotes (default), or attributions: also 'X criticized the plan' (PolNeAR-style)")
    parser.add_argument("--format", dest="input_format", choices=["auto", "text", "jsonl"], default="auto",
                        help="input format; auto goes by file extension (.jsonl = JSONL)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description="Find quotations in English news and who said them.")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print quotes as JSON lines, one per quote")
    _add_input_options(extract)
    extract.add_argument("-o", "--output", help="write JSON lines here instead of stdout")
    extract.add_argument("--errors", help="write error lines here (default: OUTPUT.errors.jsonl, or stderr)")
    extract.add_argument("--resume", action="store_true", help="continue an interrupted run into --output")
    extract.add_argument("--n-process", type=int, default=1, help="spaCy worker processes (default: 1)")
    extract.add_argument("--batch-size", type=int, default=32, help="texts per nlp.pipe batch (default: 32)")
    extract.add_argument("--scheduler", help="run on the Dask scheduler at this address")
    extract.add_argument("--dask-workers", type=int, help="run on a local Dask cluster of N worker processes")
    extract.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    render = commands.add_parser("render", help="write an HTML page with the quotes highlighted")
    _add_input_options(render)
    render.add_argument("-o", "--output", default="-", help="HTML file (default: stdout)")
    return parser


@contextlib.contextmanager
def _open_out(path: str | None, append: bool) -> Iterator:
    if path in (None, "-"):
        yield sys.stdout
    else:
        with open(path, "a" if append else "w", encoding="utf-8") as handle:
            yield handle


def _progress(quiet: bool):
    if quiet:
        return contextlib.nullcontext(None)
    from tqdm import tqdm

    # Shown only once a run lasts long enough to need it, and only on a terminal.
    return tqdm(desc="documents", unit="doc", file=sys.stderr, delay=1.0, disable=None)


def _processor(args: argparse.Namespace):
    if args.scheduler or args.dask_workers:
        from .dask import dask_processor

        return dask_processor(
            model=args.model, scheduler=args.scheduler, workers=args.dask_workers,
            batch_size=args.batch_size, scope=args.scope,
        )
    return local_processor(load(args.model, args.scope), batch_size=args.batch_size, n_process=args.n_process)


def cmd_extract(args: argparse.Namespace) -> int:
    if args.resume and not args.output:
        raise QuotesError("--resume needs --output: the run being resumed writes to a file")
    if args.n_process < 1 or args.batch_size < 1:
        raise QuotesError("--n-process and --batch-size must be at least 1")
    errors_path = args.errors or (args.output + ".errors.jsonl" if args.output else None)
    checkpoint = Checkpoint(Path(args.output)) if args.output else None
    done = checkpoint.restore() if checkpoint and args.resume else set()
    if checkpoint and not args.resume:
        checkpoint.reset()
    records = read_records(args.inputs, args.text_key, args.id_key, args.input_format)
    process = _processor(args)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(_open_out(args.output, args.resume))
        errors = stack.enter_context(_open_out(errors_path, args.resume)) if errors_path else sys.stderr
        marks = stack.enter_context(checkpoint.path.open("a", encoding="utf-8")) if checkpoint else None
        bar = stack.enter_context(_progress(args.quiet))
        summary: Summary = run(records, process, out, errors, done, marks, bar.update if bar is not None else None)
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render import render_records

    records = read_records(args.inputs, args.text_key, args.id_key, args.input_format)
    html = render_records(records, model=args.model, scope=args.scope)
    with _open_out(args.output, append=False) as out:
        out.write(html)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return {"extract": cmd_extract, "render": cmd_render}[args.command](args)
    except QuotesError as error:
        print(f"quotes: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotes: interrupted; rerun with --resume to continue", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
