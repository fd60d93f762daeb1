"""gunicorn's settings, read from the working directory whenever gunicorn starts here: its
own log lines (errors, and each request's access line) in the site's format, the access line
with the request's method, path, status, time taken and X-Request-ID as fields."""

import logging

from gunicorn import glogging

from config.logs import formatter, log_format


class AccessFields(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # gunicorn passes the request's "atoms" (its %(x)s names) as the record's arguments;
        # a missing one reads "-".
        atoms = record.args
        if isinstance(atoms, dict):
            record.method = atoms["m"]
            record.path = atoms["U"]
            record.status = int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"]
            record.duration_ms = atoms["M"]
            if atoms["{x-request-id}o"] != "-":
                record.request_id = atoms["{x-request-id}o"]
        return True


class Logger(glogging.Logger):
    def setup(self, cfg):
        super().setup(cfg)
        if log_format() != "json":
            return
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter("json"))
        for handler in self.access_log.handlers:
            handler.addFilter(AccessFields())


logger_class = Logger

# The access line keeps the path of each request but not its query string or the page it
# came from: "Plan your next step" keeps people's answers in the address and promises to
# store nothing, and search terms and filters are what people typed.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'
