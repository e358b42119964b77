"""`myofeed ingest`: one ingest pass now."""

from __future__ import annotations

import sys

import click

from ._common import echo, open_app, parse_now, start_up_over


@click.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--all", "all_", is_flag=True, help="Every source, whether due or not.")
@click.option("--now", "now_", metavar="ISO8601", help="Fix the clock (relative dates, scheduling).")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary line.")
@click.pass_context
def ingest(ctx: click.Context, sources: tuple[str, ...], all_: bool, now_: str | None, quiet: bool) -> None:
    """Fetch, parse, classify and store posts: the due sources, or those named.

    A failing source is reported and recorded; the pass goes on. Named sources
    and --all ignore the schedule, but never a server's Retry-After (such a
    source is reported "deferred until TIME", no failure). Exit status 1 when
    any source failed or is broken, 2 for an unknown source. SIGTERM or Ctrl-C
    (also as a background job): the fetches in flight are abandoned and the
    sources not begun left, all still due for the next pass; exit 143 or 130.

    \b
    Examples:
      myofeed ingest
      myofeed ingest --all
      myofeed ingest demo-myositis-news demo-clinic-blog
    """
    from ..types import IngestReport
    from .stopping import exit_status, stop_on_signals

    app = open_app(ctx)
    now = parse_now(now_)
    selected = app.select_sources(sources, all=all_, now=now)
    if not selected:
        echo("nothing due (use --all to fetch every source now)")
        return
    app.prepare_fetch()  # the pass's HTTP stack lives to its end too: part of the start-up
    start_up_over(ctx)
    reports: list[IngestReport]
    # SIGTERM / Ctrl-C, also when started in the background (`&`, where SIGINT comes in ignored): the
    # fetches in flight are abandoned, the sources not begun left; all of them stay due for the next pass
    with stop_on_signals() as stopped:
        def stop() -> bool:
            return stopped() is not None

        if sys.stderr.isatty() and not quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                          transient=True) as bar:
                task = bar.add_task("", total=len(selected))

                def step(r: IngestReport) -> None:
                    bar.update(task, advance=1, description=r.source)

                reports = app.ingest([s.name for s in selected], now=now, progress=step, stop=stop)
        else:
            reports = app.ingest([s.name for s in selected], now=now, stop=stop)
    for r in reports:
        if quiet and r.ok and not r.broken_reason:
            continue
        if r.deferred_until is not None:
            echo(f"{r.source}: deferred until {r.deferred_until.isoformat(timespec='seconds')}"
                 " (the server asked to retry after that: Retry-After)")
        elif not r.ok:
            echo(f"{r.source}: FAILED: {r.error}")
        elif r.not_modified:
            echo(f"{r.source}: not modified")
        else:
            skipped = (f", {r.skipped} {'entry' if r.skipped == 1 else 'entries'} skipped"
                       " (nothing to show: no title, link or text)" if r.skipped else "")
            echo(f"{r.source}: {r.new} new, {r.updated} updated{skipped}")
        if r.broken_reason:
            echo(f"{r.source}: BROKEN: {r.broken_reason}")
    deferred = sum(r.deferred_until is not None for r in reports)
    ok = sum(r.ok for r in reports) - deferred
    signum = stopped()
    left = len(selected) - len(reports) if signum is not None else 0
    echo(
        f"sources: {ok} ok, {len(reports) - ok - deferred} failed" + (f", {deferred} deferred" if deferred else "")
        + (f", {left} left for the next pass (stopped)" if left else "")
        + f"; posts: {sum(r.new for r in reports)} new, {sum(r.updated for r in reports)} updated"
    )
    if signum is not None:
        ctx.exit(exit_status(signum))
    if any(not r.ok or r.broken_reason for r in reports):
        ctx.exit(1)
