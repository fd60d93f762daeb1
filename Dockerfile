# Stage 1: GOV.UK Frontend assets from npm, with /assets/ addresses made relative so that
# whitenoise can hash them. Node 24 is the long-term support release (to April 2028).
FROM node:24-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
RUN mkdir -p govuk-frontend \
 && cp -R node_modules/govuk-frontend/dist/govuk/assets govuk-frontend/assets \
 && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js* govuk-frontend/ \
 && cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css.map govuk-frontend/ \
 && sed 's#url(/assets/#url(assets/#g' node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
      > govuk-frontend/govuk-frontend.min.css

# Stage 2: wheels for the pinned Python packages, each checked against its hash in the lock.
FROM python:3.11-slim AS wheels
WORKDIR /build
COPY requirements.lock ./
RUN pip wheel --no-cache-dir --require-hashes --wheel-dir /wheels -r requirements.lock

# Stage 3: the runtime image: no compilers, no Node, a non-root user.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORT=8000
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=wheels /wheels /wheels
COPY requirements.lock /tmp/
# Installs exactly the locked set, and checks each wheel's hash again on the way in.
RUN pip install --no-cache-dir --no-index --find-links /wheels --require-hashes \
      -r /tmp/requirements.lock \
 && rm -rf /wheels /tmp/requirements.lock
COPY --chown=app:app . .
COPY --from=assets --chown=app:app /build/govuk-frontend static/govuk-frontend
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0
USER app
EXPOSE 8000
# /healthz answers before the Host header is checked, so this works whatever ALLOWED_HOSTS
# says; it fails (503) while the database is down.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request, os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
# exec: gunicorn replaces the shell as process 1, so it gets docker stop's SIGTERM and
# finishes the requests in hand instead of being killed.
CMD ["sh", "-c", "exec gunicorn config.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --graceful-timeout 20 --access-logfile -"]
