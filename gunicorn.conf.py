"""gunicorn settings shipped with the checkout (gunicorn reads ./gunicorn.conf.py by itself; the
service in docs/deploy.md also names it with --config).

Access and error lines go through the project's log filter and JSON formatter
(bettertogether/core/logs.py): reset and cancellation tokens, query strings and client addresses
never reach the log in clear. Bind address and worker count stay on the command line.
"""

from gunicorn.glogging import Logger

from bettertogether.core.logs import JsonFormatter, RedactFilter
from bettertogether.warm import warm

accesslog = "-"
errorlog = "-"
# No user agent (it helps fingerprint a visitor); the client address is hashed by the filter.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s"'


class RedactingLogger(Logger):
    """gunicorn's logger with every handler behind the project's filter and formatter."""

    def setup(self, cfg):  # type: ignore[no-untyped-def]
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactFilter())
                handler.setFormatter(JsonFormatter())


logger_class = RedactingLogger

# The application is loaded and warmed once in the master, before the port opens, and the workers
# are forked from it: a fresh worker (at start, or replacing one that died) answers at once, and
# what the warm-up built is shared between workers. Code changes need a restart, not a HUP.
preload_app = True


def on_starting(server):  # type: ignore[no-untyped-def]
    if server.cfg.preload_app:  # the application (and so Django) is loaded only when preloading
        warm()
