"""How a README starts a web command that needs a shell (its Procfile line reads `$PORT` and
`$WEB_CONCURRENCY`): through `sh -c 'exec ...'`, and why `exec`."""

NOTE = """\
`exec` makes the server the process uv passes signals to, so that a SIGTERM stops it gracefully
(the shell would die alone and leave it running)."""


def needs_shell(web_command: str) -> bool:
    """Whether the command reads variables that only a shell expands."""
    return "$" in web_command
