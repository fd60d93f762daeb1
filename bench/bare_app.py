"""The throughput ceiling for `make bench`: a WSGI application that does nothing but answer
"ok", served by the same gunicorn with the same settings as the site. What the site's /ping
reaches as a share of this is what the framework and the middleware cost."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "3")])
    return [b"ok\n"]
