FROM python:3.11-slim-bookworm
# Font caches (WeasyPrint) go where the unprivileged user can write.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 XDG_CACHE_HOME=/tmp/cache
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/base.txt
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# Static files as production serves them: DEBUG off, hashed names and a manifest (bin/build-static).
RUN bin/build-static
# The processes run as an unprivileged user; uploaded and generated documents live in /app/media.
RUN useradd --system --uid 10001 --home-dir /app app && mkdir -p /app/media && chown app /app/media
USER app
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=10s --start-period=30s --retries=5 CMD ["python", "bin/healthcheck-web"]
# gunicorn.conf.py sets the address, workers and limits.
CMD ["gunicorn", "commissioning.wsgi"]
