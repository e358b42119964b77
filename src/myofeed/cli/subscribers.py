"""`myofeed subscribers add|list|remove`: the operator's side of the newsletter."""

from __future__ import annotations

import click

from ._common import open_app, print_json


class BadArgument(click.ClickException):
    """A wrong argument: one clear line, exit status 2 (SPEC)."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        click.echo(f"myofeed: error: {self.format_message()}", err=True)


def normalise_email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise BadArgument(f"invalid email address {value!r}: {exc}") from None


def parse_topics(value: str, known: list[str]) -> list[str]:
    topics = list(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
    if not topics:
        raise BadArgument(f"--topics: expected one or more topic slugs separated by commas (known: {', '.join(known)})")
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise BadArgument(f"--topics: unknown topic {unknown[0]!r} (known: {', '.join(known)})")
    return topics


@click.group()
def subscribers() -> None:
    """Newsletter subscribers: add (double opt-in), list, remove.

    \b
    Examples:
      myofeed subscribers add ada@mail.example --topics dermatomyositis,treatment
      myofeed subscribers add bo@mail.example --topics inclusion-body-myositis --cadence weekly --confirmed
      myofeed subscribers list --json
      myofeed subscribers remove ada@mail.example
    """


@subscribers.command("add")
@click.argument("email")
@click.option("--topics", required=True, metavar="A,B", help="Topic slugs, comma-separated (a parent includes its subtypes).")
@click.option("--cadence", type=click.Choice(["daily", "weekly"]), default=None,
              help="How often digests go out  [default: daily; an existing subscriber keeps theirs]")
@click.option("--confirmed", is_flag=True, help="Skip double opt-in: the operator vouches for the address.")
@click.pass_context
def add(ctx: click.Context, email: str, topics: str, cadence: str | None, confirmed: bool) -> None:
    """Add or update a subscriber. Without --confirmed the address gets one
    confirmation mail (at most one per 24 h) and nothing else until it confirms.

    \b
    Example:
      myofeed subscribers add ada@mail.example --topics dermatomyositis,treatment --cadence weekly
    """
    from ..core import utcnow
    from ..digest import send_confirmation
    from ..exceptions import MailError

    address = normalise_email(email)
    app = open_app(ctx)
    chosen = parse_topics(topics, [t.slug for t in app.config.topics])
    before = app.subscriber(address)
    cadence = cadence or (before.cadence if before is not None else "daily")  # an update changes what it names
    now = utcnow()
    sub, created = app.add_subscriber(address, chosen, cadence, confirmed=confirmed, now=now)
    if confirmed and before is not None and before.bounces:
        app.update_subscriber(sub.id, bounces=0)  # the operator vouches for it again
    click.echo(f"{'added' if created else 'updated'} {sub.email}: topics {', '.join(sub.topics)}; {sub.cadence};"
               f" {sub.state}")
    if sub.state != "pending":
        return
    try:
        sent = send_confirmation(app, sub, now=now)
    except MailError as exc:
        click.echo(f"myofeed: error: the confirmation mail to {sub.email} was not sent: {exc}", err=True)
        ctx.exit(1)
    if sent and before is not None and before.state == "pending" and before.confirm_sent_at is not None \
            and (before.topics, before.cadence) != (sub.topics, sub.cadence):
        click.echo("the earlier confirmation mail named another choice: its link no longer confirms anything")
    if sent and app.config.settings.mail.smtp_host:
        click.echo(f"confirmation mail sent to {sub.email}")
    elif sent:  # no SMTP server configured: nothing left the machine
        click.echo(f"confirmation mail to {sub.email} written to the outbox {app.config.outbox}")
    else:
        click.echo(f"a confirmation mail went to {sub.email} less than 24 h ago; not sent again")


@subscribers.command("list")
@click.option("--json", "as_json", is_flag=True, help='A JSON array of {"email", "topics", "cadence", "state"}.')
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List subscribers by email address.

    \b
    Example:
      myofeed subscribers list --json | jq -r '.[] | select(.state == "bouncing") | .email'
    """
    rows = open_app(ctx).subscribers()
    if as_json:
        print_json([s.to_json() for s in rows])
        return
    if not rows:
        click.echo("no subscribers")
        return
    for s in rows:
        click.echo(f"{s.email}  [{s.state}]  {s.cadence}  {', '.join(s.topics)}")


@subscribers.command("remove")
@click.argument("email")
@click.pass_context
def remove(ctx: click.Context, email: str) -> None:
    """Erase a subscriber and their delivery history (not just unsubscribe).

    \b
    Example:
      myofeed subscribers remove ada@mail.example
    """
    from ..exceptions import NotFoundError

    app = open_app(ctx)
    address = email.strip()
    removed = app.remove_subscriber(address)
    if not removed and "@" in address:
        try:  # the address may have been stored in its normalised form
            removed = app.remove_subscriber(normalise_email(address))
        except BadArgument:
            pass
    if not removed:
        raise NotFoundError(f"no subscriber {address!r}")
    click.echo(f"removed {address} and their delivery history")
