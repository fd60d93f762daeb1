"""The site's WSGI application, with a header naming the worker process that answered, so
tests with real gunicorn workers can tell that every worker took part."""

import os

from config.wsgi import application as site


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Worker-Pid", str(os.getpid()))], exc_info)

    return site(environ, start)
