"""Settings gunicorn reads by itself when it starts in this folder (as the container does).

The access log keeps the path of each request but not its query string or the page it came
from: "Plan your next step" keeps people's answers in the address and promises to store
nothing, and search terms and filters are what people typed."""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'
